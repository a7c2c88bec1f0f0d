package dev.oktainputs.runner;

import dev.oktainputs.core.check.ConnectionCheck;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code okta-inputs check --config FILE}: static validation of the whole file, then core's
 * {@link ConnectionCheck}: one cheap authenticated call per input, reporting whether its access works. Fields are named
 * as the YAML file names them ({@code auth.private_key_file}, not core's {@code private_key}), as {@code run} does.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Validate the configuration, then check the credentials and scopes of every input (exit 0 when all work).")
final class CheckCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "The YAML configuration file.")
    private Path config;

    private final Map<String, String> env;

    CheckCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        RunnerConfig cfg = new ConfigLoader(env).load(config);
        Runner.warnings(cfg).forEach(w -> spec.commandLine().getErr().println("warning: " + w));
        ConnectionCheck check = ConnectionCheck.of(Runner.settings(cfg));
        cfg.inputs().forEach(i -> check.input(i.input(), Map.of()));
        ConnectionCheck.Result result = check.run();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        // core names fields as its API does (private_key); this prints them as the YAML file does (auth.private_key_file)
        result.problems().forEach(p -> err.println("error: " + p.renamed(ConfigKeys::yamlKey)));
        int code = result.problems().isEmpty() ? Main.OK : Main.BAD_CONFIG;
        for (ConnectionCheck.InputCheck c : result.inputs()) {
            out.println(c.status() + "  " + c.input() + "  " + c.scopes() + (c.message() == null ? "" : "  " + ConfigKeys.inYamlTerms(c.message())));
            if (c.status() == ConnectionCheck.Status.FAILED) {
                code = Math.max(code, c.error() == null ? Main.BAD_CONFIG : Main.exitCodeOf(c.error()));
            }
        }
        return code;
    }
}
