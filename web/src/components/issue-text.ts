/**
 * A server issue's message in the UI language. An issue with a `code` (e.g. `purl.escape`,
 * `cpe.field_count`) is said by the text `issueText.<code>` with the issue's `args` as its values;
 * `args.variant` picks a wording (the i18next context, `issueText.<code>_<variant>`). An issue without
 * a code, or one whose code has no text here, keeps the server's English message.
 */
export interface IssueLike {
  readonly message: string;
  readonly code?: string;
  readonly args?: Readonly<Record<string, string | number>>;
}

/** A translation key with its values (translated when shown), or the plain message. */
export type IssueMsg = string | { readonly key: string; readonly values: Record<string, unknown> };

export function issueMsg(issue: IssueLike): IssueMsg {
  if (!issue.code) return issue.message;
  const { variant, ...values } = issue.args ?? {};
  return {
    key: `issueText.${issue.code}`,
    values: {
      ...values,
      ...(variant === undefined ? {} : { context: String(variant) }),
      defaultValue: issue.message,
    },
  };
}
