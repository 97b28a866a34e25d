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
    return auth == null ? null : claimOrName(auth, claim);
  }

  private static Authentication authenticated() {
    return authenticated(SecurityContextHolder.getContext().getAuthentication());
  }

  /** {@code auth} if it names someone: not null, authenticated, not anonymous; else null. */
  static Authentication authenticated(Authentication auth) {
    if (auth == null || !auth.isAuthenticated() || auth instanceof AnonymousAuthenticationToken) {
      return null;
    }
    return auth;
  }

  /** The claim of a resource server's token, or the name of another authentication. */
  static String claimOrName(Authentication auth, String claim) {
    if (auth instanceof JwtAuthenticationToken jwt) {
      return jwt.getToken().getClaimAsString(claim);
    }
    return auth.getName();
  }
}
