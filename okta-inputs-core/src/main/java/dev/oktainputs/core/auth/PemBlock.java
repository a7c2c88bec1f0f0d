package dev.oktainputs.core.auth;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One PEM block ({@code -----BEGIN TYPE----- base64 -----END TYPE-----}) read with the JDK alone, so that PKCS#8 keys
 * need no BouncyCastle. RFC 7468's lax form: whitespace anywhere in the base64, RFC 1421 header lines
 * ({@code Proc-Type: ...}) skipped.
 *
 * @param type    the label, upper case ({@code PRIVATE KEY}, {@code RSA PRIVATE KEY}, ...)
 * @param content the decoded bytes
 */
record PemBlock(String type, byte[] content) {

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Za-z0-9 ]+)-----(.*?)-----END \\1-----", Pattern.DOTALL);

    /**
     * @param text PEM text, possibly several blocks with text between them
     * @return the blocks in order; empty when there is none
     * @throws IllegalArgumentException when a block's base64 does not decode (the message holds no key material)
     */
    static List<PemBlock> read(String text) {
        List<PemBlock> blocks = new ArrayList<>();
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            StringBuilder base64 = new StringBuilder();
            for (String line : m.group(2).split("\\R")) {
                if (!line.contains(":")) {
                    base64.append(line.strip());
                }
            }
            byte[] content;
            try {
                content = Base64.getMimeDecoder().decode(base64.toString());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("bad base64");
            }
            blocks.add(new PemBlock(m.group(1).toUpperCase(Locale.ROOT), content));
        }
        if (blocks.isEmpty() && text.contains("-----BEGIN ")) {
            throw new IllegalArgumentException("no END line");
        }
        return blocks;
    }
}
