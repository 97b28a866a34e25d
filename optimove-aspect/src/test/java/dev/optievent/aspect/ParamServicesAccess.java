package dev.optievent.aspect;

/** Lets tests in the internal package reach the package-private test services. */
public final class ParamServicesAccess {
  private ParamServicesAccess() {}

  public static Class<?> type() {
    return ParamServices.class;
  }
}
