package dev.oktainputs.testkit;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs each test against a fresh fake Okta org: registers {@link FakeOktaExtension}, which starts a
 * {@link FakeOktaServer} before each test, closes it after, and injects {@link FakeOktaServer}, {@link FakeOrg},
 * {@link VirtualClock} and {@link RecordingSink} into test-method and constructor parameters. On a method it
 * overrides the class's settings.
 *
 * <pre>{@code
 * @FakeOkta(users = 1000, seed = 42)
 * class UsersInputTest {
 *     @Test
 *     void readsEveryone(FakeOktaServer okta, VirtualClock clock, RecordingSink sink) { ... }
 * }
 * }</pre>
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(FakeOktaExtension.class)
public @interface FakeOkta {

    /** @return how many users the org starts with */
    int users() default 100;

    /** @return the seed the org is generated from */
    long seed() default 42;

    /** @return the virtual clock's start, an ISO-8601 instant */
    String start() default "2025-01-01T00:00:00Z";
}
