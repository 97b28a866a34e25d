package dev.optievent.aspect;

import dev.optievent.aspect.internal.AspectLog;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The {@link CompletionStrategy} instances the aspect asks about return types it does not know:
 * those registered here, then those listed in {@code META-INF/services} (found once, with this
 * class's class loader). A method's strategy is chosen when its plan is built, at its first call:
 * register at start-up.
 */
public final class CompletionStrategies {
  private static final List<CompletionStrategy> REGISTERED = new CopyOnWriteArrayList<>();
  private static volatile List<CompletionStrategy> discovered;

  private CompletionStrategies() {}

  /**
   * Adds a strategy, asked before those added earlier and before those found by {@code
   * ServiceLoader}.
   *
   * @param strategy the strategy
   * @throws NullPointerException if {@code strategy} is null
   */
  public static void register(CompletionStrategy strategy) {
    if (strategy == null) {
      throw new NullPointerException("strategy is null; pass the CompletionStrategy to use");
    }
    REGISTERED.add(0, strategy);
  }

  /**
   * Removes a strategy added with {@link #register}; methods whose plans chose it keep it.
   *
   * @param strategy the strategy
   */
  public static void unregister(CompletionStrategy strategy) {
    REGISTERED.remove(strategy);
  }

  /**
   * The first strategy that supports {@code returnType}; a strategy that throws is passed over.
   *
   * @param returnType a method's declared return type
   * @return the strategy, or {@code null}
   */
  public static CompletionStrategy find(Class<?> returnType) {
    CompletionStrategy found = first(REGISTERED, returnType);
    return found != null ? found : first(discovered(), returnType);
  }

  private static CompletionStrategy first(List<CompletionStrategy> strategies, Class<?> type) {
    for (CompletionStrategy strategy : strategies) {
      try {
        if (strategy.supports(type)) {
          return strategy;
        }
      } catch (RuntimeException | LinkageError e) {
        AspectLog.warnOnce(
            "strategy-supports:" + strategy.getClass().getName(),
            "{}.supports({}) threw; that CompletionStrategy is passed over",
            strategy.getClass().getName(),
            type.getName(),
            e);
      }
    }
    return null;
  }

  private static List<CompletionStrategy> discovered() {
    List<CompletionStrategy> found = discovered;
    if (found == null) {
      found = new CopyOnWriteArrayList<>();
      try {
        for (CompletionStrategy s :
            ServiceLoader.load(
                CompletionStrategy.class, CompletionStrategies.class.getClassLoader())) {
          found.add(s);
        }
      } catch (ServiceConfigurationError e) {
        AspectLog.warnOnce(
            "strategy-services",
            "A CompletionStrategy listed in META-INF/services could not be loaded; the others found"
                + " before it are used",
            e);
      }
      discovered = found;
    }
    return found;
  }
}
