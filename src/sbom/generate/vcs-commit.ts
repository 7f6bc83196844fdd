/**
 * The commit a git dependency is pinned to, read from the URL a JavaScript lockfile records
 * (`git+ssh://…#<sha>`, `github:owner/repo#<sha>`, `https://codeload.github.com/…/tar.gz/<sha>`,
 * `…/archive/<sha>.tar.gz`), or null when the URL pins no full commit.
 */
const patterns: readonly RegExp[] = [
  /#(?:commit[=:])?([0-9a-f]{40})$/i,
  /\/tar\.gz\/([0-9a-f]{40})$/i,
  /\/archive\/([0-9a-f]{40})\.(?:tar\.gz|zip)$/i,
  /[#&]commit[=:]([0-9a-f]{40})(?:&|$)/i,
];

export function vcsCommit(url: string | null): string | null {
  if (url === null) return null;
  for (const p of patterns) {
    const m = p.exec(url);
    if (m) return m[1]!.toLowerCase();
  }
  return null;
}
