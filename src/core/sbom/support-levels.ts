/**
 * The levels of support a component's supplier gives, from the most to the least support, each with
 * the spellings that mean it. A component's `supportLevel` is free text (documents carry it as free
 * text, see supportProperties in model.ts); these are the values with a known meaning, in the order
 * the inventory sorts them (`sort=supportLevel`, compared without case and surrounding spaces; other
 * text after them).
 *
 * FDA's premarket guidance (§V.A.4(b)) names "actively maintained, no longer maintained, abandoned",
 * and the proposed `cdx:fda:level-of-support` property asks for those phrases verbatim. "security
 * fixes only" is the step between the first two that mamori's component form suggests. The Japanese
 * spellings are the ones the Japanese form suggests (保守継続中, セキュリティ修正のみ, 保守終了) and the
 * quality check's word for abandoned (放棄).
 */
export const supportLevels: readonly (readonly string[])[] = [
  ['actively maintained', '保守継続中'],
  ['security fixes only', 'セキュリティ修正のみ'],
  ['no longer maintained', '保守終了'],
  ['abandoned', '放棄'],
];
