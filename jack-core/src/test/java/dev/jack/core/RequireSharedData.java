package dev.jack.core;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * With {@code JACK_REQUIRE_SHARED} set (CI sets it), a test that would be skipped because the reference data in
 * {@code ../shared} is absent fails instead, so conformance cannot pass silently. It applies to every module's tests:
 * it is registered through {@code META-INF/services} in jack-core's test-jar, which the other modules' tests use,
 * and Jupiter's extension autodetection is switched on in the parent POM. A skip is about the reference data when
 * its reason names {@code ../shared}, as {@link SharedData}'s and the other modules' reasons do.
 */
public final class RequireSharedData implements TestExecutionExceptionHandler, LifecycleMethodExecutionExceptionHandler {
    static boolean required() {
        String v = System.getenv("JACK_REQUIRE_SHARED");
        return v != null && !v.isBlank() && !v.equals("0");
    }

    private static Throwable judge(Throwable t) {
        if (t instanceof TestAbortedException aborted && required() && String.valueOf(aborted.getMessage()).contains("../shared")) {
            return new AssertionFailedError("JACK_REQUIRE_SHARED is set, but " + aborted.getMessage(), aborted);
        }
        return t;
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        throw judge(throwable);
    }

    @Override
    public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        throw judge(throwable);
    }

    @Override
    public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        throw judge(throwable);
    }
}
