/** Where a lockfile sits in the tree it was found in (posix names, as generate-sbom and from-path see them). */

const hiddenLockfile = 'node_modules/.package-lock.json';

/**
 * The folder a lockfile belongs to (`a/b/` for `a/b/yarn.lock`, and for npm's hidden lockfile
 * `a/b/node_modules/.package-lock.json`; `` at the top) and its name as the manifest table spells it
 * (the hidden lockfile as `package-lock.json`).
 */
export function lockfilePlace(name: string): { readonly folder: string; readonly base: string } {
  if (name === hiddenLockfile || name.endsWith(`/${hiddenLockfile}`))
    return { folder: name.slice(0, name.length - hiddenLockfile.length), base: 'package-lock.json' };
  const at = name.includes('/') ? name.slice(0, name.lastIndexOf('/') + 1) : '';
  return { folder: at, base: name.slice(at.length).toLowerCase() };
}
