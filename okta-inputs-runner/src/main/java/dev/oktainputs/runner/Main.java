package dev.oktainputs.runner;

import dev.oktainputs.core.error.OktaAuthenticationException;
import dev.oktainputs.core.error.OktaConfigurationException;
import dev.oktainputs.core.error.OktaException;
import dev.oktainputs.core.error.OktaPermissionException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code okta-inputs}: {@code run}, {@code check}, {@code demo}, {@code query}. Exit codes: 0 ok, 2 bad configuration or bad
 * credentials (one line per problem, naming the field; no stack trace), 1 runtime failure.
 */
@Command(name = "okta-inputs", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Okta input plugins: sync Okta users, groups, apps and the System Log to JSON Lines on a schedule.")
public final class Main {

    /**
     * The subcommands by name, in the order the help lists them. Added to the command line when it is made, and only
     * the one named first when it is named (picocli reads each one's annotations, about 5 ms apiece on a cold JVM).
     */
    private static final java.util.Map<String, Class<?>> SUBCOMMANDS = subcommands();

    private static java.util.Map<String, Class<?>> subcommands() {
        java.util.Map<String, Class<?>> m = new java.util.LinkedHashMap<>();
        m.put("run", RunCommand.class);
        m.put("check", CheckCommand.class);
        m.put("demo", DemoCommand.class);
        m.put("query", QueryCommand.class);
        m.put("help", CommandLine.HelpCommand.class);
        return java.util.Collections.unmodifiableMap(m);
    }

    /** Exit code for success. */
    static final int OK = 0;
    /** Exit code for a runtime failure. */
    static final int FAILED = 1;
    /** Exit code for bad configuration or bad credentials. */
    static final int BAD_CONFIG = 2;

    private Main() {
    }

    /** Creates the subcommands with the environment they read ${VARS} from. */
    private static CommandLine.IFactory factory(java.util.Map<String, String> env) {
        return new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                if (cls == RunCommand.class) {
                    return cls.cast(new RunCommand(env));
                }
                if (cls == CheckCommand.class) {
                    return cls.cast(new CheckCommand(env));
                }
                if (cls == QueryCommand.class) {
                    return cls.cast(new QueryCommand(env));
                }
                return CommandLine.defaultFactory().create(cls);
            }
        };
    }

    /**
     * @param args command line
     */
    public static void main(String[] args) {
        Logging.configure(System.getenv("OKTA_INPUTS_LOG"));
        WarmUp.start(args);
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, java.nio.charset.StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, java.nio.charset.StandardCharsets.UTF_8), true);
        System.exit(execute(args, out, err, System.getenv()));
    }

    /**
     * Runs a command line without exiting, for tests and embedding.
     *
     * @param args command line
     * @param out  standard output
     * @param err  standard error
     * @param env  the environment ${VARS} are read from
     * @return the exit code
     */
    static int execute(String[] args, PrintWriter out, PrintWriter err, java.util.Map<String, String> env) {
        CommandLine.IFactory factory = factory(env);
        CommandLine cli = new CommandLine(new Main(), factory);
        boolean named = args.length > 0 && SUBCOMMANDS.containsKey(args[0]) && !args[0].equals("help");
        for (java.util.Map.Entry<String, Class<?>> sub : SUBCOMMANDS.entrySet()) {
            if (!named || sub.getKey().equals(args[0])) {
                try {
                    cli.addSubcommand(sub.getKey(), new CommandLine(factory.create(sub.getValue()), factory));
                } catch (Exception e) {
                    throw new IllegalStateException("cannot make the " + sub.getKey() + " command", e);
                }
            }
        }
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println(describe(e));
            return exitCodeOf(e);
        });
        return cli.execute(args);
    }

    static int exitCodeOf(Throwable e) {
        if (e instanceof OktaConfigurationException || e instanceof OktaAuthenticationException || e instanceof OktaPermissionException) {
            return BAD_CONFIG;
        }
        return FAILED;
    }

    static String describe(Throwable e) {
        if (e instanceof OktaConfigurationException) {
            StringBuilder sb = new StringBuilder();
            for (String p : ((OktaConfigurationException) e).problems()) {
                sb.append(sb.length() == 0 ? "" : System.lineSeparator()).append("error: ").append(p);
            }
            return sb.toString();
        }
        if (e instanceof OktaException || e instanceof dev.oktainputs.runner.db.DatabaseException) {
            return "error: " + e.getMessage();
        }
        return "error: unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage()
                + " (set OKTA_INPUTS_LOG=debug for details)";
    }

    /** Reads the version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"okta-inputs " + (v == null ? "(development build)" : v)};
        }
    }
}
