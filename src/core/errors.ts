/**
 * The stable error codes of mamori. Each code belongs to a kind; the server maps kinds to HTTP
 * statuses and the CLI maps them to exit codes, in one place each. Codes are part of the public
 * contract: never rename one, only add.
 */
export const errorKinds = {
  'auth.unauthenticated': 'unauthenticated',
  'auth.invalid_credentials': 'unauthenticated',
  'auth.token_invalid': 'unauthenticated',
  'auth.password_change_required': 'forbidden',
  'auth.forbidden': 'forbidden',
  'auth.csrf_invalid': 'forbidden',
  'auth.rate_limited': 'rate_limited',
  'auth.password_weak': 'invalid',
  'request.invalid': 'invalid',
  'request.not_found': 'not_found',
  'request.too_large': 'too_large',
  'organization.not_found': 'not_found',
  'organization.slug_taken': 'conflict',
  'user.not_found': 'not_found',
  'user.email_taken': 'conflict',
  'user.last_admin': 'conflict',
  'token.not_found': 'not_found',
  'product.not_found': 'not_found',
  'product.invalid': 'invalid',
  'product.name_taken': 'conflict',
  'product.archived': 'conflict',
  'release.not_found': 'not_found',
  'release.invalid': 'invalid',
  'release.version_taken': 'conflict',
  'release.archived': 'conflict',
  'sbom.unsupported': 'invalid',
  'sbom.unreadable': 'invalid',
  'sbom.invalid': 'invalid',
  'sbom.too_large': 'invalid',
  'sbom.too_deep': 'invalid',
  'sbom.too_many_components': 'invalid',
  'sbom.not_found': 'not_found',
  'sbom.none': 'not_found',
  'component.not_found': 'not_found',
  'component.invalid': 'invalid',
  'component.not_manual': 'conflict',
  'version.invalid': 'invalid',
  'version.unknown_ecosystem': 'invalid',
  'audit.chain_broken': 'check_failed',
  'vulndb.missing': 'conflict',
  'vulnerability.not_found': 'not_found',
  'finding.not_found': 'not_found',
  'threat_model.not_found': 'not_found',
  'threat_model.none': 'not_found',
  'threat_model.invalid': 'invalid',
  'threat_model.frozen': 'conflict',
  'threat.not_found': 'not_found',
  'risk.invalid': 'invalid',
  'risk.not_found': 'not_found',
  'risk.not_acceptable': 'conflict',
  'risk_scales.invalid': 'invalid',
  'security_context.invalid': 'invalid',
  'control.not_found': 'not_found',
  'control.invalid': 'invalid',
  'requirement.not_found': 'not_found',
  'requirement.invalid': 'invalid',
  'verification_test.not_found': 'not_found',
  'verification_test.invalid': 'invalid',
  'threat_record.ref_taken': 'conflict',
  'config.invalid': 'invalid',
  'compliance.catalog_not_found': 'not_found',
  'compliance.entry_not_found': 'not_found',
  'compliance.invalid': 'invalid',
  'compliance.evidence_not_found': 'not_found',
  'vex.unreadable': 'invalid',
  'vex.unsupported': 'invalid',
  'vex.invalid': 'invalid',
  'triage.invalid': 'invalid',
  'triage.proposal_not_found': 'not_found',
  'triage.proposal_reviewed': 'conflict',
  'internal.error': 'internal',
} as const;

export type ErrorCode = keyof typeof errorKinds;
export type ErrorKind = (typeof errorKinds)[ErrorCode];

export function errorKind(code: ErrorCode): ErrorKind {
  return errorKinds[code];
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(errorKinds, value);
}
