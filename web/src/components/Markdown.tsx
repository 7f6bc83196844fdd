/**
 * CommonMark from feeds (OSV `details`) rendered as React elements, never as HTML.
 *
 * markdown-it (CommonMark preset) parses the text into tokens, and each token becomes a React
 * element built here, so nothing in the input reaches the page as markup:
 * - raw HTML (blocks and inline tags) is not parsed (`html: false`) and shows as the text it is;
 * - a link is a link only when its URL is absolute http(s); it opens in a new tab with
 *   rel="noopener noreferrer". Any other URL (javascript:, data:, mailto:, relative, …) leaves the
 *   link text alone;
 * - images are not loaded (the page must not fetch from addresses an advisory names): an image
 *   becomes a link to it under the same rule, or its alternative text;
 * - headings are demoted so the shallowest becomes `headingLevel` (h4 by default, below the
 *   page's own headings), never deeper than h6;
 * - input longer than `maxMarkdownLength`, making more than `maxMarkdownTokens` tokens, or whose
 *   elements would nest as deep as markdown-it's nesting limit (where it stops reading blocks), is
 *   shown whole as plain text. markdown-it was chosen for its near-linear parsing of hostile input
 *   (emphasis runs, unclosed links, nesting): micromark took seconds to minutes on such input of
 *   the same length.
 */
import { Fragment, type ReactNode } from 'react';
import MarkdownIt, { type Token } from 'markdown-it';

/** Real OSV descriptions are at most about 30,000 characters (conformance/advisories). */
export const maxMarkdownLength = 65_536;

/**
 * At most this many tokens (block and inline) are rendered as elements: the real OSV descriptions
 * make at most about 1,400, nested at most 7 deep.
 */
export const maxMarkdownTokens = 10_000;

/** markdown-it's CommonMark preset nests blocks and inlines at most this deep. */
const maxNesting = 20;

const parser = new MarkdownIt('commonmark', { html: false, maxNesting });

/** The URL when it is an absolute http(s) URL, else null. */
export function safeLinkUrl(url: string): string | null {
  const trimmed = url.trim();
  if (!/^https?:\/\//i.test(trimmed)) return null;
  try {
    const parsed = new URL(trimmed);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}

type HeadingTag = 'h1' | 'h2' | 'h3' | 'h4' | 'h5' | 'h6';

/** A token's attribute as text (markdown-it types attribute values as string or number). */
function attr(token: Token, name: string): string | null {
  const value = token.attrGet(name);
  return value === null ? null : String(value);
}

function link(url: string | null, children: ReactNode, key: number): ReactNode {
  const href = url === null ? null : safeLinkUrl(url);
  if (href === null) return <Fragment key={key}>{children}</Fragment>;
  return (
    <a key={key} href={href} target="_blank" rel="noopener noreferrer">
      {children}
    </a>
  );
}

/**
 * Renders `tokens` from `start` up to the matching close token (or the end): one level of the
 * token stream, recursing into each open/close pair. Returns the elements and the index after them.
 */
function renderLevel(tokens: readonly Token[], start: number, headingOffset: number): [ReactNode[], number] {
  const out: ReactNode[] = [];
  let i = start;
  while (i < tokens.length) {
    const token = tokens[i]!;
    const key = i;
    if (token.nesting === -1) return [out, i + 1];
    if (token.nesting === 1) {
      const [inner, next] = renderLevel(tokens, i + 1, headingOffset);
      i = next;
      switch (token.type) {
        case 'paragraph_open':
          // markdown-it marks the paragraphs of a tight list hidden: their text stands in the item.
          out.push(token.hidden ? <Fragment key={key}>{inner}</Fragment> : <p key={key}>{inner}</p>);
          break;
        case 'heading_open': {
          const depth = Number(token.tag.slice(1));
          const Tag = `h${Math.min(6, depth + headingOffset)}` as HeadingTag;
          out.push(<Tag key={key}>{inner}</Tag>);
          break;
        }
        case 'blockquote_open':
          out.push(<blockquote key={key}>{inner}</blockquote>);
          break;
        case 'bullet_list_open':
          out.push(<ul key={key}>{inner}</ul>);
          break;
        case 'ordered_list_open': {
          const start = Number(token.attrGet('start') ?? '1');
          out.push(
            <ol key={key} start={Number.isSafeInteger(start) && start !== 1 ? start : undefined}>
              {inner}
            </ol>,
          );
          break;
        }
        case 'list_item_open':
          out.push(<li key={key}>{inner}</li>);
          break;
        case 'em_open':
          out.push(<em key={key}>{inner}</em>);
          break;
        case 'strong_open':
          out.push(<strong key={key}>{inner}</strong>);
          break;
        case 'link_open':
          out.push(link(attr(token, 'href'), inner, key));
          break;
        default:
          // Pairs the CommonMark preset does not produce are shown as their content.
          out.push(<Fragment key={key}>{inner}</Fragment>);
      }
      continue;
    }
    i++;
    switch (token.type) {
      case 'inline': {
        const [inner] = renderLevel(token.children ?? [], 0, headingOffset);
        out.push(<Fragment key={key}>{inner}</Fragment>);
        break;
      }
      case 'text':
      case 'html_inline':
      case 'html_block':
        // Raw HTML is shown as text, never interpreted (html: false already leaves it as text).
        out.push(<Fragment key={key}>{token.content}</Fragment>);
        break;
      case 'softbreak':
        out.push('\n');
        break;
      case 'hardbreak':
        out.push(<br key={key} />);
        break;
      case 'code_inline':
        out.push(<code key={key}>{token.content}</code>);
        break;
      case 'code_block':
      case 'fence':
        out.push(
          <pre key={key}>
            <code>{token.content.replace(/\n$/, '')}</code>
          </pre>,
        );
        break;
      case 'hr':
        out.push(<hr key={key} />);
        break;
      case 'image':
        out.push(link(attr(token, 'src'), token.content, key));
        break;
      default:
        out.push(<Fragment key={key}>{token.content}</Fragment>);
    }
  }
  return [out, i];
}

/**
 * True when the text would make more than `maxMarkdownTokens` tokens, or elements nested
 * `maxNesting` deep: markdown-it stops reading blocks there, and does not bound emphasis.
 */
function tooComplex(tokens: readonly Token[]): boolean {
  let count = 0;
  let depth = 0;
  for (const token of tokens) {
    depth += token.nesting;
    count += 1 + (token.children?.length ?? 0);
    if (depth >= maxNesting - 1 || count > maxMarkdownTokens) return true;
    let inline = depth;
    for (const child of token.children ?? []) {
      inline += child.nesting;
      if (inline >= maxNesting - 1) return true;
    }
  }
  return false;
}

export interface MarkdownProps {
  readonly source: string;
  /** The level of the shallowest heading in the text (4: below the page's h1–h3). */
  readonly headingLevel?: number;
  readonly className?: string;
}

export function Markdown({ source, headingLevel = 4, className }: MarkdownProps) {
  const plain = <div className={className ? `${className} prewrap` : 'prewrap'}>{source}</div>;
  if (source.length > maxMarkdownLength) return plain;
  const tokens = parser.parse(source, {});
  if (tooComplex(tokens)) return plain;
  const depths = tokens.filter((t) => t.type === 'heading_open').map((t) => Number(t.tag.slice(1)));
  const offset = depths.length > 0 ? headingLevel - Math.min(...depths) : 0;
  const [elements] = renderLevel(tokens, 0, offset);
  return <div className={className}>{elements}</div>;
}
