/**
 * A CycloneDX XML document (libxml2 DOM, already XSD-valid) → the JSON shape of the same BOM, for
 * the fields map-cyclonedx.ts reads. Only elements in the BOM's own namespace are read (extension
 * elements in other namespaces are ignored), and objects are built with fixed keys, so element
 * names never become object keys (an enveloped XML Signature, ds:Signature, is noted only to be
 * reported as not kept). Each converted component, dependency and entity remembers its
 * XML path (`/bom/components/component[3]`, line) for diagnostics.
 */
import { XmlElement, type XmlTreeNode } from 'libxml2-wasm';

type Json = Record<string, unknown>;

/** XML Signature: a signed CycloneDX XML document or component holds an enveloped ds:Signature. */
const xmlDsigNamespace = 'http://www.w3.org/2000/09/xmldsig#';

export interface XmlConversion {
  readonly bom: Json;
  /** XML path (with line) of converted objects, for diagnostics. */
  readonly locations: WeakMap<object, string>;
}

export function cycloneDxXmlToJson(root: XmlElement, namespace: string): XmlConversion {
  const locations = new WeakMap<object, string>();
  const c = new Converter(namespace, locations);
  return { bom: c.bom(root), locations };
}

class Converter {
  constructor(
    private readonly ns: string,
    private readonly locations: WeakMap<object, string>,
  ) {}

  private readonly indexes = new WeakMap<XmlElement, { all: XmlElement[]; byName: Map<string, XmlElement[]> }>();

  /** Child elements in the BOM namespace, read from the DOM once per element. */
  private index(el: XmlElement): { all: XmlElement[]; byName: Map<string, XmlElement[]> } {
    let idx = this.indexes.get(el);
    if (!idx) {
      idx = { all: [], byName: new Map() };
      for (let n: XmlTreeNode | null = el.firstChild; n !== null; n = n.next) {
        if (n instanceof XmlElement && n.namespaceUri === this.ns) {
          idx.all.push(n);
          const name = n.name;
          const list = idx.byName.get(name);
          if (list) list.push(n);
          else idx.byName.set(name, [n]);
        }
      }
      this.indexes.set(el, idx);
    }
    return idx;
  }

  private children(el: XmlElement | null, name?: string): XmlElement[] {
    if (!el) return [];
    const idx = this.index(el);
    return name === undefined ? idx.all : (idx.byName.get(name) ?? []);
  }

  private child(el: XmlElement | null, name: string): XmlElement | null {
    if (!el) return null;
    return this.index(el).byName.get(name)?.[0] ?? null;
  }

  private text(el: XmlElement | null, name: string): string | undefined {
    const c = this.child(el, name);
    return c ? c.content : undefined;
  }

  /**
   * An element the model does not keep, as an empty object located at the (first) element, so the
   * warning can count it and say where it is (map-cyclonedx.ts).
   */
  private notKept(el: XmlElement, name: string, path: string): Json | undefined {
    const c = this.child(el, name);
    return c ? this.at({}, `${path}/${name}`, c) : undefined;
  }

  /** An enveloped XML Signature (another namespace, so not in the index), as notKept() gives it. */
  private signature(el: XmlElement, path: string): Json | undefined {
    for (let n: XmlTreeNode | null = el.firstChild; n !== null; n = n.next) {
      if (n instanceof XmlElement && n.namespaceUri === xmlDsigNamespace && n.name === 'Signature') return this.at({}, `${path}/ds:Signature`, n);
    }
    return undefined;
  }

  private attr(el: XmlElement, name: string): string | undefined {
    const a = el.attr(name);
    return a ? a.value : undefined;
  }

  private at<T extends object>(obj: T, path: string, el: XmlElement): T {
    this.locations.set(obj, `${path} (line ${el.line})`);
    return obj;
  }

  /** `<wrapper><item/>…</wrapper>` → items with their paths. */
  private list<T>(parent: XmlElement | null, wrapper: string, item: string, path: string, convert: (el: XmlElement, path: string) => T): T[] | undefined {
    const w = this.child(parent, wrapper);
    if (!w) return undefined;
    return this.children(w, item).map((el, i) => convert(el, `${path}/${wrapper}/${item}[${i + 1}]`));
  }

  /** list(), and the list itself located at its wrapper element (for a warning about the whole list). */
  private locatedList<T>(parent: XmlElement, wrapper: string, item: string, path: string, convert: (el: XmlElement, path: string) => T): T[] | undefined {
    const items = this.list(parent, wrapper, item, path, convert);
    const w = this.child(parent, wrapper);
    return items && w ? this.at(items, `${path}/${wrapper}`, w) : items;
  }

  bom(root: XmlElement): Json {
    const path = '/bom';
    const version = this.attr(root, 'version');
    return this.at(
      clean({
        serialNumber: this.attr(root, 'serialNumber'),
        version: version !== undefined && /^\d+$/.test(version) ? Number(version) : undefined,
        metadata: this.metadata(this.child(root, 'metadata'), `${path}/metadata`),
        components: this.list(root, 'components', 'component', path, (el, p) => this.component(el, p)),
        services: this.locatedList(root, 'services', 'service', path, (el, p) => this.service(el, p)),
        externalReferences: this.externalReferences(this.child(root, 'externalReferences')),
        dependencies: this.list(root, 'dependencies', 'dependency', path, (el, p) => this.dependency(el, p)),
        // Not kept: read only to be counted and located in the warning (map-cyclonedx.ts).
        compositions: this.locatedList(root, 'compositions', 'composition', path, (el, p) => this.at({}, p, el)),
        properties: this.locatedList(root, 'properties', 'property', path, (el, p) => this.at({}, p, el)),
        vulnerabilities: this.locatedList(root, 'vulnerabilities', 'vulnerability', path, (el, p) => this.at({}, p, el)),
        annotations: this.locatedList(root, 'annotations', 'annotation', path, (el, p) => this.at({}, p, el)),
        formulation: this.locatedList(root, 'formulation', 'formula', path, (el, p) => this.at({}, p, el)),
        declarations: this.notKept(root, 'declarations', path),
        definitions: this.notKept(root, 'definitions', path),
        citations: this.locatedList(root, 'citations', 'citation', path, (el, p) => this.at({}, p, el)),
        signature: this.signature(root, path),
      }),
      path,
      root,
    );
  }

  private metadata(el: XmlElement | null, path: string): Json | undefined {
    if (!el) return undefined;
    const toolsEl = this.child(el, 'tools');
    let tools: unknown;
    if (toolsEl) {
      const legacy = this.children(toolsEl, 'tool');
      tools =
        legacy.length > 0
          ? legacy.map((t) => clean({ vendor: this.text(t, 'vendor'), name: this.text(t, 'name'), version: this.text(t, 'version') }))
          : clean({
              components: this.list(toolsEl, 'components', 'component', `${path}/tools`, (c, p) => this.component(c, p)),
              services: this.list(toolsEl, 'services', 'service', `${path}/tools`, (s, p) => this.service(s, p)),
            });
    }
    const componentEl = this.child(el, 'component');
    return clean({
      timestamp: this.text(el, 'timestamp'),
      lifecycles: this.list(el, 'lifecycles', 'lifecycle', path, (l) => clean({ phase: this.text(l, 'phase'), name: this.text(l, 'name') })),
      tools,
      authors: this.list(el, 'authors', 'author', path, (a) => this.contact(a)),
      component: componentEl ? this.component(componentEl, `${path}/component`) : undefined,
      manufacturer: this.locatedOrganization(el, 'manufacturer', path),
      manufacture: this.locatedOrganization(el, 'manufacture', path),
      supplier: this.locatedOrganization(el, 'supplier', path),
      licenses: this.licenses(this.child(el, 'licenses')),
      properties: this.properties(el, path),
      // Not kept (1.7): read only to be located in the warning.
      distributionConstraints: this.notKept(el, 'distributionConstraints', path),
    });
  }

  /** A metadata organisation, located (a warning may name the one not kept). */
  private locatedOrganization(parent: XmlElement, name: string, path: string): Json | undefined {
    const el = this.child(parent, name);
    const o = this.organization(el);
    return o && el ? this.at(o, `${path}/${name}`, el) : o;
  }

  private contact(el: XmlElement): Json {
    return clean({ name: this.text(el, 'name'), email: this.text(el, 'email'), phone: this.text(el, 'phone') });
  }

  private organization(el: XmlElement | null): Json | undefined {
    if (!el) return undefined;
    return clean({
      name: this.text(el, 'name'),
      url: this.children(el, 'url').map((u) => u.content),
      contact: this.children(el, 'contact').map((c) => this.contact(c)),
    });
  }

  private licenses(el: XmlElement | null): Json[] | undefined {
    if (!el) return undefined;
    const out: Json[] = [];
    for (const c of this.children(el)) {
      if (c.name === 'license') {
        out.push({ license: clean({ id: this.text(c, 'id'), name: this.text(c, 'name'), acknowledgement: this.attr(c, 'acknowledgement') }) });
      } else if (c.name === 'expression') {
        out.push(clean({ expression: c.content, acknowledgement: this.attr(c, 'acknowledgement') }));
      }
    }
    return out;
  }

  private hashes(el: XmlElement | null): Json[] | undefined {
    const w = this.child(el, 'hashes');
    if (!w) return undefined;
    return this.children(w, 'hash').map((h) => clean({ alg: this.attr(h, 'alg'), content: h.content }));
  }

  private properties(el: XmlElement, path: string): Json[] | undefined {
    return this.list(el, 'properties', 'property', path, (p, at) => this.at(clean({ name: this.attr(p, 'name'), value: p.content }), at, p));
  }

  private externalReferences(refsEl: XmlElement | null): Json[] | undefined {
    return refsEl
      ? this.children(refsEl, 'reference').map((r) =>
          clean({ type: this.attr(r, 'type'), url: this.text(r, 'url'), comment: this.text(r, 'comment'), hashes: this.hashes(r) }),
        )
      : undefined;
  }

  private component(el: XmlElement, path: string): Json {
    const swidEl = this.child(el, 'swid');
    const refsEl = this.child(el, 'externalReferences');
    const pedigreeEl = this.child(el, 'pedigree');
    return this.at(
      clean({
        type: this.attr(el, 'type'),
        'bom-ref': this.attr(el, 'bom-ref'),
        supplier: this.organization(this.child(el, 'supplier')),
        manufacturer: this.organization(this.child(el, 'manufacturer')),
        authors: this.list(el, 'authors', 'author', path, (a) => this.contact(a)),
        author: this.text(el, 'author'),
        publisher: this.text(el, 'publisher'),
        group: this.text(el, 'group'),
        name: this.text(el, 'name'),
        version: this.text(el, 'version'),
        description: this.text(el, 'description'),
        scope: this.text(el, 'scope'),
        hashes: this.hashes(el),
        licenses: this.licenses(this.child(el, 'licenses')),
        copyright: this.text(el, 'copyright'),
        cpe: this.text(el, 'cpe'),
        purl: this.text(el, 'purl'),
        swid: swidEl ? clean({ tagId: this.attr(swidEl, 'tagId'), name: this.attr(swidEl, 'name'), version: this.attr(swidEl, 'version') }) : undefined,
        externalReferences: this.externalReferences(refsEl),
        properties: this.properties(el, path),
        components: this.list(el, 'components', 'component', path, (c, p) => this.component(c, p)),
        // Not kept: read only to be counted and located in the warning (map-cyclonedx.ts).
        pedigree: pedigreeEl ? this.at({}, `${path}/pedigree`, pedigreeEl) : undefined,
        'mime-type': this.attr(el, 'mime-type'),
        isExternal: xsBoolean(this.attr(el, 'isExternal')),
        versionRange: this.notKept(el, 'versionRange', path),
        patentAssertions: this.notKept(el, 'patentAssertions', path),
        omniborId: this.notKept(el, 'omniborId', path),
        swhid: this.notKept(el, 'swhid', path),
        modified: xsBoolean(this.text(el, 'modified')),
        evidence: this.notKept(el, 'evidence', path),
        releaseNotes: this.notKept(el, 'releaseNotes', path),
        modelCard: this.notKept(el, 'modelCard', path),
        data: this.notKept(el, 'data', path),
        cryptoProperties: this.notKept(el, 'cryptoProperties', path),
        tags: this.notKept(el, 'tags', path),
        signature: this.signature(el, path),
      }),
      path,
      el,
    );
  }

  private service(el: XmlElement, path: string): Json {
    return this.at(
      clean({
        'bom-ref': this.attr(el, 'bom-ref'),
        provider: this.organization(this.child(el, 'provider')),
        group: this.text(el, 'group'),
        name: this.text(el, 'name'),
        version: this.text(el, 'version'),
        services: this.list(el, 'services', 'service', path, (s, p) => this.service(s, p)),
      }),
      path,
      el,
    );
  }

  private dependency(el: XmlElement, path: string): Json {
    const provides = this.children(el, 'provides');
    return this.at(
      clean({
        ref: this.attr(el, 'ref'),
        dependsOn: this.children(el, 'dependency')
          .map((d) => this.attr(d, 'ref'))
          .filter((r): r is string => r !== undefined),
        // Not kept: read only to be counted and located in the warning.
        provides: provides.length > 0 ? this.at(provides.map((p) => this.attr(p, 'ref') ?? ''), `${path}/provides[1]`, provides[0]!) : undefined,
      }),
      path,
      el,
    );
  }
}

/** xs:boolean ("true", "1", "false", "0", whitespace collapsed) → boolean; absent stays absent. */
function xsBoolean(v: string | undefined): boolean | undefined {
  if (v === undefined) return undefined;
  const t = v.trim();
  return t === 'true' || t === '1';
}

/** Drops undefined members so absent XML elements look like absent JSON keys. */
function clean(o: Json): Json {
  const out: Json = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
  return out;
}
