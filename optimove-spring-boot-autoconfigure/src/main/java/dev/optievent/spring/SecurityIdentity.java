package dev.optievent.spring;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/** The customer from Spring Security; loaded only when Security (and, for claims, JWT) is there. */
final class SecurityIdentity {
  private SecurityIdentity() {}

  /** The authenticated principal's name; none when anonymous or not authenticated. */
  static String principalName() {
    Authentication auth = authenticated();
    return auth == null ? null : auth.getName();
  }

  /** A JWT claim of a resource server's token; the principal's name for other authentications. */
  static String jwtClaim(String claim) {
    Authentication auth = authenticated();
    if (auth instanceof JwtAuthenticationToken jwt) {
      return jwt.getToken().getClaimAsString(claim);
    }
    return auth == null ? null : auth.getName();
  }

  private static Authentication authenticated() {
    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
    if (auth == null || !auth.isAuthenticated() || auth instanceof AnonymousAuthenticationToken) {
      return null;
    }
    return auth;
  }
}
