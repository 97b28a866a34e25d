package dev.optievent.spring;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.util.function.Supplier;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The visitor ID from the current servlet request: a named cookie, else a named header. Off unless
 * a name is set; the servlet and Spring Web classes are touched only when both are present.
 */
final class RequestVisitors {
  static final String COOKIE = "optimove.visitor.cookie";
  static final String HEADER = "optimove.visitor.header";

  private final String cookie;
  private final String header;

  private RequestVisitors(String cookie, String header) {
    this.cookie = cookie;
    this.header = header;
  }

  /** The visitor source the properties ask for, or {@code null} for none. */
  static Supplier<String> from(Environment env, ClassLoader classLoader) {
    String cookie = blankToNull(env.getProperty(COOKIE));
    String header = blankToNull(env.getProperty(HEADER));
    if (cookie == null && header == null) {
      return null;
    }
    if (!ClassUtils.isPresent("jakarta.servlet.http.HttpServletRequest", classLoader)
        || !ClassUtils.isPresent(
            "org.springframework.web.context.request.RequestContextHolder", classLoader)) {
      LoggerFactory.getLogger(RequestVisitors.class)
          .warn(
              "{} / {} is set, but this is not a servlet web application: no visitor ID is read",
              COOKIE,
              HEADER);
      return null;
    }
    return new RequestVisitors(cookie, header)::visitorId;
  }

  String visitorId() {
    RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
    if (!(attributes instanceof ServletRequestAttributes servlet)) {
      return null;
    }
    HttpServletRequest request = servlet.getRequest();
    if (cookie != null && request.getCookies() != null) {
      for (Cookie c : request.getCookies()) {
        if (cookie.equals(c.getName()) && !c.getValue().isBlank()) {
          return c.getValue();
        }
      }
    }
    return header == null ? null : blankToNull(request.getHeader(header));
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
