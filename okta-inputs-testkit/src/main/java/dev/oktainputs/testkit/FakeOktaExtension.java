package dev.oktainputs.testkit;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.lang.reflect.AnnotatedElement;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * JUnit 5 extension that gives every test a fresh fake Okta org: before each test it generates a {@link FakeOrg} on
 * a new {@link VirtualClock} and starts a {@link FakeOktaServer}; after the test it closes the server. It injects
 * {@link FakeOktaServer}, {@link FakeOrg}, {@link VirtualClock} and {@link RecordingSink} into test-method and
 * (with the default per-method lifecycle) constructor parameters.
 *
 * <p>Use it through {@link FakeOkta @FakeOkta}, or register a configured instance (not both on one class):
 * <pre>{@code
 * @RegisterExtension
 * static FakeOktaExtension okta = FakeOktaExtension.builder().users(500).seed(7)
 *         .server(s -> s.rateLimit("/api/v1/users", 50)).build();
 * }</pre>
 */
public final class FakeOktaExtension implements BeforeEachCallback, AfterEachCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(FakeOktaExtension.class);
    private static final Set<Class<?>> INJECTABLE =
            Set.of(FakeOktaServer.class, FakeOrg.class, VirtualClock.class, RecordingSink.class);

    private final Builder programmatic;

    /** The extension as registered by {@link FakeOkta @FakeOkta}: settings come from the annotation. */
    public FakeOktaExtension() {
        this(null);
    }

    private FakeOktaExtension(Builder programmatic) {
        this.programmatic = programmatic;
    }

    /** @return a builder for a programmatically configured extension ({@code @RegisterExtension}) */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public ExtensionContextScope getTestInstantiationExtensionContextScope(ExtensionContext rootContext) {
        return ExtensionContextScope.TEST_METHOD;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        fixture(context);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Fixture fixture = context.getStore(NAMESPACE).remove(Fixture.class, Fixture.class);
        if (fixture != null) {
            fixture.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return INJECTABLE.contains(parameter.getParameter().getType());
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Fixture f = fixture(context);
        Class<?> type = parameter.getParameter().getType();
        if (type == FakeOktaServer.class) {
            return f.server;
        } else if (type == FakeOrg.class) {
            return f.org;
        } else if (type == VirtualClock.class) {
            return f.clock;
        } else if (type == RecordingSink.class) {
            return f.sink;
        }
        throw new ParameterResolutionException("FakeOktaExtension cannot inject " + type);
    }

    private Fixture fixture(ExtensionContext context) {
        return context.getStore(NAMESPACE).getOrComputeIfAbsent(Fixture.class, k -> new Fixture(settings(context)),
                Fixture.class);
    }

    private Builder settings(ExtensionContext context) {
        if (programmatic != null) {
            return programmatic;
        }
        FakeOkta annotation = context.getTestMethod().flatMap(m -> find(m))
                .or(() -> context.getTestClass().flatMap(FakeOktaExtension::findOnClass))
                .orElse(null);
        Builder b = new Builder();
        if (annotation != null) {
            b.users(annotation.users()).seed(annotation.seed()).start(Instant.parse(annotation.start()));
        }
        return b;
    }

    private static Optional<FakeOkta> findOnClass(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getEnclosingClass()) {
            Optional<FakeOkta> found = find(c);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private static Optional<FakeOkta> find(AnnotatedElement element) {
        return Optional.ofNullable(element.getAnnotation(FakeOkta.class));
    }

    /** One test's org, clock, server and sink. */
    private static final class Fixture implements AutoCloseable {
        final VirtualClock clock;
        final FakeOrg org;
        final FakeOktaServer server;
        final RecordingSink sink = new RecordingSink();
        private boolean closed;

        Fixture(Builder settings) {
            clock = new VirtualClock(settings.start);
            FakeOrg.Builder ob = FakeOrg.builder().seed(settings.seed).users(settings.users).clock(clock);
            if (settings.apiToken != null) {
                ob.apiToken(settings.apiToken);
            }
            if (settings.directory != null) {
                ob.directory(settings.directory);
            }
            org = ob.build();
            FakeOktaServer.Builder sb = FakeOktaServer.builder(org);
            settings.server.accept(sb);
            server = sb.start();
        }

        @Override
        public synchronized void close() {
            if (!closed) {
                closed = true;
                server.close();
            }
        }
    }

    /** Configures a {@link FakeOktaExtension}; defaults match {@link FakeOkta}. */
    public static final class Builder {
        private int users = 100;
        private long seed = 42;
        private Instant start = Instant.parse("2025-01-01T00:00:00Z");
        private String apiToken;
        private DirectoryShape directory;
        private Consumer<FakeOktaServer.Builder> server = s -> { };

        private Builder() {
        }

        /**
         * @param users how many users each test's org starts with
         * @return this builder
         */
        public Builder users(int users) {
            this.users = users;
            return this;
        }

        /**
         * @param seed the org's seed
         * @return this builder
         */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * @param start where each test's virtual clock starts
         * @return this builder
         */
        public Builder start(Instant start) {
            this.start = Objects.requireNonNull(start, "start");
            return this;
        }

        /**
         * @param apiToken the SSWS token to accept instead of the seed-derived one
         * @return this builder
         */
        public Builder apiToken(String apiToken) {
            this.apiToken = apiToken;
            return this;
        }

        /**
         * @param shape groups, apps, admin roles and API tokens each test's org generates after its users
         * @return this builder
         */
        public Builder directory(DirectoryShape shape) {
            this.directory = shape;
            return this;
        }

        /**
         * @param customizer adjusts each test's server before it starts (rate limits, link style, authenticators)
         * @return this builder
         */
        public Builder server(Consumer<FakeOktaServer.Builder> customizer) {
            this.server = Objects.requireNonNull(customizer, "customizer");
            return this;
        }

        /** @return the extension */
        public FakeOktaExtension build() {
            Builder copy = new Builder();
            copy.users = users;
            copy.seed = seed;
            copy.start = start;
            copy.apiToken = apiToken;
            copy.directory = directory;
            copy.server = server;
            return new FakeOktaExtension(copy);
        }
    }
}
