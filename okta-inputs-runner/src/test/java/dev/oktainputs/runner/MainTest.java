package dev.oktainputs.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The command line's commands: all listed by the help, each one's own options when it is named. */
class MainTest {

    @Test
    void theHelpListsEveryCommand() {
        Cli.Result r = Cli.run(Map.of(), "--help");

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("run", "check", "demo", "query", "help");
    }

    @Test
    void helpOfACommandAndACommandsOwnHelpShowItsOptions() {
        Cli.Result viaHelp = Cli.run(Map.of(), "help", "run");
        Cli.Result own = Cli.run(Map.of(), "run", "--help");

        assertThat(viaHelp.exitCode()).isZero();
        assertThat(viaHelp.out()).contains("--config", "--once");
        assertThat(own.exitCode()).isZero();
        assertThat(own.out()).isEqualTo(viaHelp.out());
    }

    @Test
    void aMistypedCommandIsRefusedWithTheCommandsToPickFrom() {
        Cli.Result r = Cli.run(Map.of(), "rnu", "--config", "x.yaml");

        assertThat(r.exitCode()).isEqualTo(Main.BAD_CONFIG);
        assertThat(r.err()).contains("rnu").contains("run");
    }

    @Test
    void aNamedCommandStillParsesItsOptions() {
        Cli.Result r = Cli.run(Map.of(), "check");

        assertThat(r.exitCode()).isEqualTo(Main.BAD_CONFIG);
        assertThat(r.err()).contains("--config");
    }
}
