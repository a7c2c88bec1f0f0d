package dev.oktainputs.runner;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.oktainputs.core.error.OktaConfigurationException;
import dev.oktainputs.core.json.JsonTrees;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads the runner's YAML file into a tree, refusing what would be misread rather than guessing: a file too large
 * to be a configuration, one that is not UTF-8, invalid YAML, a duplicate key, a second document, an alias. Each
 * refusal is an {@link OktaConfigurationException} on {@code --config}; the file's contents are never quoted beyond
 * the parser's first line. Values are not read here ({@link YamlValues} does, with {@code ${ENV}} substitution).
 */
final class ConfigFile {

    /** Duplicate keys are an error: with YAML's "last one wins" a second {@code inputs:} would silently drop the first. */
    private static final YAMLFactory YAML = YAMLFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    /** A configuration is a few hundred bytes; anything this big is the wrong file, and reading it costs memory. */
    static final long MAX_FILE_BYTES = 1024 * 1024;

    private ConfigFile() {
    }

    /**
     * @param file     the YAML file
     * @param problems where a YAML syntax error is added (and thrown) as shown, so a secret it quotes stays hidden
     * @return the file's tree, not yet validated
     * @throws OktaConfigurationException when the file cannot be read as a single YAML document
     */
    static JsonNode read(Path file, ConfigProblems problems) {
        String text;
        try {
            text = readBounded(file, MAX_FILE_BYTES);
            if (text == null) {
                throw new OktaConfigurationException("--config", file + " is larger than " + MAX_FILE_BYTES / 1024 + " KiB, the most"
                        + " a configuration file may be. Fix: pass the YAML configuration (keys and tokens belong in"
                        + " environment variables or private_key_file)");
            }
        } catch (NoSuchFileException e) {
            throw new OktaConfigurationException("--config", "file " + file + " does not exist. Fix: pass the path of your YAML file");
        } catch (CharacterCodingException e) {
            throw new OktaConfigurationException("--config", file + " is not UTF-8 text. Fix: save it as UTF-8");
        } catch (IOException e) {
            throw cannotRead(file, e);
        }
        try {
            return tree(text, file);
        } catch (JsonProcessingException e) {
            // Only the first line of the parser's message: the rest quotes the file, which may hold a secret.
            String why = String.valueOf(e.getOriginalMessage()).lines().findFirst().orElse("syntax error");
            problems.add("--config: " + file + " is not valid YAML (" + why + ")"
                    + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr()));
            throw problems.exception();
        } catch (IOException e) {
            throw cannotRead(file, e);
        }
    }

    private static OktaConfigurationException cannotRead(Path file, IOException e) {
        return new OktaConfigurationException("--config", "cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
    }

    /**
     * The tree, read in one streaming pass (no {@code ObjectMapper}: {@link JsonTrees}) that also refuses what would
     * be misread: a second YAML document would be ignored and an alias would read as its anchor's name (Jackson does
     * not expand them, which also keeps YAML bombs harmless), so both are errors.
     */
    private static JsonNode tree(String text, Path file) throws IOException {
        try (JsonParser p = new NoAliases(YAML.createParser(text), file)) {
            if (p.nextToken() == null) {
                return MissingNode.getInstance();
            }
            JsonNode root = JsonTrees.read(p);
            if (p.nextToken() != null) {
                throw new OktaConfigurationException("--config", file + " holds more than one YAML document (another starts at line "
                        + p.currentTokenLocation().getLineNr() + "). Fix: keep a single document, without a second '---'");
            }
            return root;
        }
    }

    /** A YAML parser that fails on the first alias it meets. */
    private static final class NoAliases extends JsonParserDelegate {
        private final Path file;

        NoAliases(JsonParser yaml, Path file) {
            super(yaml);
            this.file = file;
        }

        @Override
        public JsonToken nextToken() throws IOException {
            JsonToken t = super.nextToken();
            if (delegate instanceof YAMLParser y && y.isCurrentAlias()) {
                throw new OktaConfigurationException("--config", file + " uses the YAML alias *" + ConfigProblems.abbreviate(y.getText())
                        + " at line " + y.currentTokenLocation().getLineNr() + "; aliases are not supported. Fix: write the value out");
            }
            return t;
        }
    }

    /**
     * Reads a UTF-8 text file of at most {@code max} bytes, stopping there whatever the file claims to be (a device or
     * a pipe has no size).
     *
     * @return the text, or null when the file is larger
     * @throws CharacterCodingException when it is not UTF-8
     */
    static String readBounded(Path file, long max) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes((int) max + 1);
            if (bytes.length > max) {
                return null;
            }
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        }
    }
}
