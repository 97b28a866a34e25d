package kotlin.coroutines;

/**
 * A stand-in for Kotlin's {@code Continuation}, by name only: the aspect recognises a suspend
 * function by its last parameter's type name, so that this module's tests need no Kotlin.
 *
 * @param <T> what the function returns
 */
public interface Continuation<T> {}
