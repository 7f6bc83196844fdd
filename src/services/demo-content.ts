/**
 * The demo content that `mamori demo load` and `mamori serve --demo` put into an organisation
 * (load-demo.ts): two fictitious products of a fictitious manufacturer, their SBOMs, a threat model,
 * and a handful of vulnerability records, so that a newcomer sees the whole chain (inventory →
 * findings → triage → VEX, threats, compliance) before bringing their own data.
 *
 * The products, SBOMs and threat model are invented. The vulnerability records are real public
 * advisories (GitHub Security Advisories via OSV, NVD, CISA KEV), shortened to the fields a finding
 * shows; their `modified` dates are their publication dates, so that any later import of the real
 * feeds replaces them. No EPSS scores: they are daily measurements, and a copy would be a stale one.
 */

/** The manufacturer every demo product names. */
export const demoManufacturer = 'Example Medical K.K. (demo)';

/** Product names: the loader treats an organisation that has the first one as already loaded. */
export const demoProductNames = {
  pump: 'IP-200 infusion pump (demo)',
  samd: 'DoseCalc dosing software (demo)',
} as const;

interface DemoComponent {
  readonly ref: string;
  readonly type: 'library' | 'framework' | 'operating-system' | 'application';
  readonly name: string;
  readonly version: string;
  readonly group?: string;
  readonly supplier: string;
  readonly purl?: string;
  readonly cpe?: string;
  readonly license: string;
  readonly description: string;
  readonly endOfSupport?: string;
  readonly supportLevel?: string;
  readonly dependsOn?: readonly string[];
}

const npm = (
  name: string,
  version: string,
  description: string,
  dependsOn: readonly string[] = [],
): DemoComponent => ({
  ref: `npm:${name}`,
  type: 'library',
  name,
  version,
  supplier: 'npm registry',
  purl: `pkg:npm/${name}@${version}`,
  license: 'MIT',
  description,
  dependsOn,
});

const pypi = (
  name: string,
  version: string,
  license: string,
  description: string,
  dependsOn: readonly string[] = [],
): DemoComponent => ({
  ref: `pypi:${name}`,
  type: 'library',
  name,
  version,
  supplier: 'Python Package Index',
  purl: `pkg:pypi/${name}@${version}`,
  license,
  description,
  dependsOn,
});

const log4j = (artifact: string, version: string, dependsOn: readonly string[] = []): DemoComponent => ({
  ref: `maven:${artifact}`,
  type: 'library',
  group: 'org.apache.logging.log4j',
  name: artifact,
  version,
  supplier: 'The Apache Software Foundation',
  purl: `pkg:maven/org.apache.logging.log4j/${artifact}@${version}`,
  license: 'Apache-2.0',
  description:
    artifact === 'log4j-core'
      ? 'Logging of the hospital gateway service'
      : 'Logging API of the hospital gateway service',
  dependsOn,
});

/** C libraries of the embedded Linux: no purl a vulnerability database knows, so CPE matching finds them. */
const embedded = (
  name: string,
  vendor: string,
  version: string,
  o: Omit<DemoComponent, 'ref' | 'type' | 'name' | 'version' | 'cpe'>,
): DemoComponent => ({
  ref: `os:${name}`,
  type: 'library',
  name,
  version,
  cpe: `cpe:2.3:a:${vendor}:${name}:${version}:*:*:*:*:*:*:*`,
  ...o,
});

/** The pump's main controller software, per release: what its build SBOM lists. */
function pumpComponents(release: '3.1.0' | '3.2.0'): DemoComponent[] {
  const old = release === '3.1.0';
  return [
    embedded('openssl', 'openssl', old ? '1.1.1k' : '3.0.13', {
      supplier: 'OpenSSL Software Foundation',
      license: old ? 'OpenSSL' : 'Apache-2.0',
      description: 'TLS for the Wi-Fi link and the gateway',
      endOfSupport: old ? '2023-09-11' : '2026-09-07',
      supportLevel: old ? 'no longer maintained' : 'actively maintained',
    }),
    embedded('zlib', 'zlib', old ? '1.2.11' : '1.3.1', {
      supplier: 'zlib project',
      license: 'Zlib',
      description: 'Compression of log uploads',
    }),
    embedded('busybox', 'busybox', old ? '1.35.0' : '1.36.1', {
      supplier: 'BusyBox project',
      license: 'GPL-2.0-only',
      description: 'Shell and utilities of the embedded Linux',
    }),
    log4j('log4j-core', old ? '2.14.1' : '2.17.1', ['maven:log4j-api']),
    log4j('log4j-api', old ? '2.14.1' : '2.17.1'),
    npm('express', old ? '4.17.1' : '4.19.2', 'Web server of the on-device management UI'),
    npm('lodash', old ? '4.17.20' : '4.17.21', 'Utility library of the management UI'),
    pypi('requests', old ? '2.25.1' : '2.31.0', 'Apache-2.0', 'HTTP client of the service tool', [
      'pypi:urllib3',
    ]),
    pypi('urllib3', old ? '1.26.5' : '2.2.1', 'MIT', 'HTTP library used by requests'),
  ];
}

/** DoseCalc 1.4.0 (software as a medical device). */
function samdComponents(): DemoComponent[] {
  return [
    pypi('flask', '2.2.5', 'BSD-3-Clause', 'Web framework of the dosing service', ['pypi:werkzeug']),
    pypi('werkzeug', '2.2.3', 'BSD-3-Clause', 'WSGI toolkit used by Flask'),
    pypi('numpy', '1.24.2', 'BSD-3-Clause', 'Numerical routines of the dose model'),
    pypi('requests', '2.28.1', 'Apache-2.0', 'HTTP client for the pharmacy system', ['pypi:urllib3']),
    pypi('urllib3', '1.26.12', 'MIT', 'HTTP library used by requests'),
  ];
}

function cycloneDx(
  serial: string,
  timestamp: string,
  primary: { ref: string; type: 'firmware' | 'application'; name: string; version: string },
  components: readonly DemoComponent[],
): string {
  const properties = (c: DemoComponent) => [
    ...(c.endOfSupport ? [{ name: 'cdx:lifecycle:milestone:endOfSupport', value: c.endOfSupport }] : []),
    ...(c.supportLevel ? [{ name: 'mamori:support:level', value: c.supportLevel }] : []),
  ];
  const bom = {
    bomFormat: 'CycloneDX',
    specVersion: '1.6',
    serialNumber: `urn:uuid:${serial}`,
    version: 1,
    metadata: {
      timestamp,
      lifecycles: [{ phase: 'build' }],
      tools: { components: [{ type: 'application', name: 'demo build pipeline', version: '1' }] },
      authors: [{ name: 'Product Security Team, Example Medical K.K. (demo)' }],
      supplier: { name: demoManufacturer },
      component: {
        type: primary.type,
        'bom-ref': primary.ref,
        name: primary.name,
        version: primary.version,
        supplier: { name: demoManufacturer },
      },
    },
    components: components.map((c) => {
      const props = properties(c);
      return {
        type: c.type,
        'bom-ref': c.ref,
        supplier: { name: c.supplier },
        ...(c.group ? { group: c.group } : {}),
        name: c.name,
        version: c.version,
        description: c.description,
        licenses: [{ license: { id: c.license } }],
        ...(c.cpe ? { cpe: c.cpe } : {}),
        ...(c.purl ? { purl: c.purl } : {}),
        ...(props.length > 0 ? { properties: props } : {}),
      };
    }),
    dependencies: [
      {
        ref: primary.ref,
        dependsOn: components
          .filter((c) => !components.some((o) => o.dependsOn?.includes(c.ref)))
          .map((c) => c.ref),
      },
      ...components.map((c) => ({ ref: c.ref, dependsOn: [...(c.dependsOn ?? [])] })),
    ],
  };
  return `${JSON.stringify(bom, null, 2)}\n`;
}

/** The build SBOMs (CycloneDX 1.6 JSON) of the demo releases, as a build pipeline would upload them. */
export const demoSboms = {
  pump310: () =>
    cycloneDx(
      '6d1c2b7e-4d0a-4c4e-9a43-3a1f0c2d5e01',
      '2025-09-15T09:00:00Z',
      { ref: 'ip200', type: 'firmware', name: 'IP-200 main controller software', version: '3.1.0' },
      pumpComponents('3.1.0'),
    ),
  pump320: () =>
    cycloneDx(
      '6d1c2b7e-4d0a-4c4e-9a43-3a1f0c2d5e02',
      '2026-10-20T09:00:00Z',
      { ref: 'ip200', type: 'firmware', name: 'IP-200 main controller software', version: '3.2.0' },
      pumpComponents('3.2.0'),
    ),
  samd140: () =>
    cycloneDx(
      '6d1c2b7e-4d0a-4c4e-9a43-3a1f0c2d5e03',
      '2026-02-02T09:00:00Z',
      { ref: 'dosecalc', type: 'application', name: 'DoseCalc', version: '1.4.0' },
      samdComponents(),
    ),
};

/** The motor controller's real-time kernel: no build SBOM covers it, so it is entered by hand. */
export const demoManualComponent = {
  type: 'operating-system' as const,
  name: 'FreeRTOS kernel',
  version: '10.4.3',
  group: null,
  supplier: 'Amazon Web Services',
  purl: null,
  cpe: 'cpe:2.3:o:amazon:freertos:10.4.3:*:*:*:*:*:*:*',
  license: 'MIT',
  description: 'Real-time kernel of the motor controller MCU (entered by hand: not in the build SBOM)',
  supportLevel: 'actively maintained',
  endOfSupport: null,
};

const ghsaReference = (id: string) => ({ type: 'ADVISORY', url: `https://github.com/advisories/${id}` });
const nvdReference = (cve: string) => ({ type: 'ADVISORY', url: `https://nvd.nist.gov/vuln/detail/${cve}` });

/** OSV records (JSON lines), shortened from the GitHub advisories. */
export function demoOsvRecords(): string {
  const records = [
    {
      id: 'GHSA-35jh-r3h4-6jhm',
      aliases: ['CVE-2021-23337'],
      summary: 'Command Injection in lodash',
      details:
        'lodash versions prior to 4.17.21 are vulnerable to Command Injection via the template function.',
      published: '2021-05-06T16:05:51Z',
      severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H' }],
      affected: [
        {
          package: { ecosystem: 'npm', name: 'lodash' },
          ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '4.17.21' }] }],
        },
      ],
      references: [nvdReference('CVE-2021-23337'), ghsaReference('GHSA-35jh-r3h4-6jhm')],
    },
    {
      id: 'GHSA-29mw-wpgm-hmr9',
      aliases: ['CVE-2020-28500'],
      summary: 'Regular Expression Denial of Service (ReDoS) in lodash',
      details:
        'lodash versions prior to 4.17.21 are vulnerable to Regular Expression Denial of Service (ReDoS) via the toNumber, trim and trimEnd functions.',
      published: '2022-01-06T20:30:46Z',
      severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:L' }],
      affected: [
        {
          package: { ecosystem: 'npm', name: 'lodash' },
          ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '4.17.21' }] }],
        },
      ],
      references: [nvdReference('CVE-2020-28500'), ghsaReference('GHSA-29mw-wpgm-hmr9')],
    },
    {
      id: 'GHSA-j8r2-6x86-q33q',
      aliases: ['CVE-2023-32681'],
      summary: 'Unintended leak of Proxy-Authorization header in requests',
      details:
        'Since requests 2.3.0, requests has been leaking Proxy-Authorization headers to destination servers when redirected to an HTTPS endpoint. Fixed in 2.31.0.',
      published: '2023-05-22T20:36:32Z',
      severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:C/C:H/I:N/A:N' }],
      affected: [
        {
          package: { ecosystem: 'PyPI', name: 'requests' },
          ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '2.3.0' }, { fixed: '2.31.0' }] }],
        },
      ],
      references: [nvdReference('CVE-2023-32681'), ghsaReference('GHSA-j8r2-6x86-q33q')],
    },
    {
      id: 'GHSA-9wx4-h78v-vm56',
      aliases: ['CVE-2024-35195'],
      summary:
        'Requests Session object does not verify requests after making first request with verify=False',
      details:
        'When making requests through a Requests Session, if the first request is made with verify=False to disable cert verification, all subsequent requests to the same origin will continue to ignore cert verification regardless of changes to the value of verify. Fixed in 2.32.0.',
      published: '2024-05-20T20:15:00Z',
      severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:L/AC:H/PR:H/UI:R/S:U/C:H/I:H/A:N' }],
      affected: [
        {
          package: { ecosystem: 'PyPI', name: 'requests' },
          ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '2.32.0' }] }],
        },
      ],
      references: [nvdReference('CVE-2024-35195'), ghsaReference('GHSA-9wx4-h78v-vm56')],
    },
    {
      id: 'GHSA-jfh8-c2jp-5v3q',
      aliases: ['CVE-2021-44228'],
      summary: 'Remote code injection in Log4j',
      details:
        'Apache Log4j2 JNDI features used in configuration, log messages and parameters do not protect against attacker-controlled LDAP and other JNDI related endpoints. An attacker who can control log messages or log message parameters can execute arbitrary code loaded from LDAP servers when message lookup substitution is enabled.',
      published: '2021-12-10T00:40:56Z',
      severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H' }],
      affected: [
        {
          package: { ecosystem: 'Maven', name: 'org.apache.logging.log4j:log4j-core' },
          ranges: [
            {
              type: 'ECOSYSTEM',
              events: [
                { introduced: '2.0-beta9' },
                { fixed: '2.3.1' },
                { introduced: '2.4' },
                { fixed: '2.12.2' },
                { introduced: '2.13.0' },
                { fixed: '2.15.0' },
              ],
            },
          ],
        },
      ],
      references: [nvdReference('CVE-2021-44228'), ghsaReference('GHSA-jfh8-c2jp-5v3q')],
    },
  ];
  return (
    records.map((r) => JSON.stringify({ schema_version: '1.6.0', modified: r.published, ...r })).join('\n') +
    '\n'
  );
}

const nvdCvss = (vector: string, baseScore: number, baseSeverity: string) => ({
  cvssMetricV31: [
    {
      source: 'nvd@nist.gov',
      type: 'Primary',
      cvssData: { version: '3.1', vectorString: vector, baseScore, baseSeverity },
    },
  ],
});

/** An NVD CVE API 2.0 page with the two C-library CVEs that CPE matching finds in the pump's 3.1.0. */
export function demoNvdPage(): string {
  const cve = (
    id: string,
    published: string,
    description: string,
    metrics: unknown,
    matches: readonly Record<string, unknown>[],
  ) => ({
    cve: {
      id,
      sourceIdentifier: 'cve@mitre.org',
      published,
      lastModified: published,
      vulnStatus: 'Analyzed',
      descriptions: [{ lang: 'en', value: description }],
      metrics,
      configurations: [
        {
          nodes: [
            { operator: 'OR', negate: false, cpeMatch: matches.map((m) => ({ vulnerable: true, ...m })) },
          ],
        },
      ],
      references: [{ url: `https://nvd.nist.gov/vuln/detail/${id}`, source: 'nvd@nist.gov' }],
    },
  });
  const vulnerabilities = [
    cve(
      'CVE-2022-37434',
      '2022-08-05T07:15:07.240',
      'zlib through 1.2.12 has a heap-based buffer over-read or buffer overflow in inflate in inflate.c via a large gzip header extra field. NOTE: only applications that call inflateGetHeader are affected.',
      nvdCvss('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 9.8, 'CRITICAL'),
      [{ criteria: 'cpe:2.3:a:zlib:zlib:*:*:*:*:*:*:*:*', versionEndIncluding: '1.2.12' }],
    ),
    cve(
      'CVE-2022-0778',
      '2022-03-15T17:15:08.513',
      'The BN_mod_sqrt() function, which computes a modular square root, contains a bug that can cause it to loop forever for non-prime moduli. Fixed in OpenSSL 3.0.2, 1.1.1n and 1.0.2zd.',
      nvdCvss('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H', 7.5, 'HIGH'),
      [
        {
          criteria: 'cpe:2.3:a:openssl:openssl:*:*:*:*:*:*:*:*',
          versionStartIncluding: '1.0.2',
          versionEndExcluding: '1.0.2zd',
        },
        {
          criteria: 'cpe:2.3:a:openssl:openssl:*:*:*:*:*:*:*:*',
          versionStartIncluding: '1.1.1',
          versionEndExcluding: '1.1.1n',
        },
        {
          criteria: 'cpe:2.3:a:openssl:openssl:*:*:*:*:*:*:*:*',
          versionStartIncluding: '3.0.0',
          versionEndExcluding: '3.0.2',
        },
      ],
    ),
  ];
  return `${JSON.stringify({ resultsPerPage: vulnerabilities.length, startIndex: 0, totalResults: vulnerabilities.length, format: 'NVD_CVE', version: '2.0', timestamp: '2022-08-05T08:00:00.000', vulnerabilities }, null, 1)}\n`;
}

/** The CISA KEV entry of Log4Shell, in a catalog dated when it was added (any real catalog is newer). */
export function demoKevCatalog(): string {
  return `${JSON.stringify(
    {
      title: 'CISA Catalog of Known Exploited Vulnerabilities (demo extract)',
      catalogVersion: '2021.12.10',
      dateReleased: '2021-12-10T00:00:00.000Z',
      count: 1,
      vulnerabilities: [
        {
          cveID: 'CVE-2021-44228',
          vendorProject: 'Apache',
          product: 'Log4j2',
          vulnerabilityName: 'Apache Log4j2 Remote Code Execution Vulnerability',
          dateAdded: '2021-12-10',
          shortDescription:
            'Apache Log4j2 contains a vulnerability where JNDI features do not protect against attacker-controlled JNDI-related endpoints, allowing for remote code execution.',
          requiredAction:
            'For all affected software assets for which updates exist, the only acceptable remediation actions are: 1) Apply updates; OR 2) remove affected assets from agency networks.',
          dueDate: '2021-12-24',
          knownRansomwareCampaignUse: 'Known',
          notes: 'https://nvd.nist.gov/vuln/detail/CVE-2021-44228',
          cwes: ['CWE-20', 'CWE-400', 'CWE-502'],
        },
      ],
    },
    null,
    1,
  )}\n`;
}

type Threat = {
  id: string;
  title: string;
  type: string;
  severity: string;
  status: 'Open' | 'Mitigated';
  description: string;
  mitigation: string;
};

/** The pump's data-flow diagram with STRIDE threats, as Threat Dragon v2 saves it. */
export function demoThreatModel(): unknown {
  const threat = (t: Threat, n: number) => ({ ...t, modelType: 'STRIDE', new: false, number: n, score: '' });
  let n = 0;
  const node = (
    id: string,
    shape: 'actor' | 'process' | 'store',
    type: string,
    name: string,
    x: number,
    y: number,
    description: string,
    threats: Threat[],
    extra: Record<string, unknown> = {},
  ) => ({
    position: { x, y },
    size: shape === 'process' ? { width: 120, height: 120 } : { width: 160, height: 80 },
    attrs: { text: { text: name } },
    visible: true,
    shape,
    zIndex: 1,
    id,
    data: {
      type,
      name,
      description,
      outOfScope: false,
      reasonOutOfScope: '',
      threats: threats.map((t) => threat(t, ++n)),
      hasOpenThreats: threats.some((t) => t.status === 'Open'),
      ...extra,
    },
  });
  const flow = (
    id: string,
    from: string,
    to: string,
    name: string,
    protocol: string,
    isEncrypted: boolean,
    threats: Threat[],
  ) => ({
    shape: 'flow',
    zIndex: 10,
    connector: 'smooth',
    id,
    attrs: { line: { stroke: '#333333', strokeWidth: 1, targetMarker: { name: 'block' } } },
    labels: [{ position: 0.5, attrs: { label: { text: name } } }],
    source: { cell: from },
    target: { cell: to },
    vertices: [],
    data: {
      type: 'tm.Flow',
      name,
      description: '',
      outOfScope: false,
      reasonOutOfScope: '',
      protocol,
      isEncrypted,
      isPublicNetwork: false,
      isBidirectional: false,
      threats: threats.map((t) => threat(t, ++n)),
      hasOpenThreats: threats.some((t) => t.status === 'Open'),
      isTrustBoundary: false,
    },
  });
  const cells = [
    node('nurse', 'actor', 'tm.Actor', 'Nurse', 40, 60, 'Programs infusions at the bedside', [
      {
        id: 'T-01',
        title: 'Nurse impersonated at the pump',
        type: 'Spoofing',
        severity: 'High',
        status: 'Mitigated',
        description: 'Someone uses a stolen badge to change an infusion.',
        mitigation: 'Badge plus PIN; the pump locks after 60 s without input.',
      },
    ]),
    node(
      'emr',
      'actor',
      'tm.Actor',
      'Hospital EMR',
      40,
      300,
      'Sends infusion orders over the hospital network',
      [],
    ),
    node(
      'controller',
      'process',
      'tm.Process',
      'Main controller (Linux)',
      320,
      60,
      'Runs the management UI, the gateway service and the dose checks',
      [
        {
          id: 'T-02',
          title: 'Dose command tampered on the Wi-Fi link',
          type: 'Tampering',
          severity: 'Critical',
          status: 'Mitigated',
          description: 'An attacker on the ward network changes a programmed dose in transit.',
          mitigation: 'Mutual TLS with device certificates; the dose is confirmed on the pump screen.',
        },
        {
          id: 'T-03',
          title: 'Remote code execution in the gateway service',
          type: 'Elevation of privilege',
          severity: 'Critical',
          status: 'Open',
          description:
            'A vulnerable library in the gateway (for example a logging library) lets a network attacker run code on the controller.',
          mitigation:
            'Keep third-party components current (SBOM monitoring); the gateway runs as an unprivileged user.',
        },
      ],
      { privilegeLevel: 'user' },
    ),
    node(
      'mcu',
      'process',
      'tm.Process',
      'Motor controller (FreeRTOS)',
      620,
      60,
      'Drives the pump motor; enforces the hard dose limits',
      [
        {
          id: 'T-04',
          title: 'Motor controller flooded with commands',
          type: 'Denial of service',
          severity: 'High',
          status: 'Mitigated',
          description:
            'A compromised main controller floods the serial link so that the motor controller misses its deadlines.',
          mitigation:
            'Rate limit and watchdog on the motor controller; it stops the infusion safely and alarms.',
        },
      ],
      { privilegeLevel: 'root' },
    ),
    node(
      'library',
      'store',
      'tm.Store',
      'Drug library',
      320,
      320,
      'Drug limits loaded from the pharmacy',
      [
        {
          id: 'T-05',
          title: 'Drug library replaced with an unsigned one',
          type: 'Tampering',
          severity: 'High',
          status: 'Mitigated',
          description: 'A modified drug library raises the dose limits.',
          mitigation: 'The library is signed by the pharmacy tool and verified before use.',
        },
      ],
      { isALog: false, storesCredentials: false, isEncrypted: false, isSigned: true },
    ),
    flow('f-program', 'nurse', 'controller', 'Dose programming', 'Touch screen', false, []),
    flow('f-order', 'emr', 'controller', 'Infusion order (HL7 over Wi-Fi)', 'HTTPS', true, [
      {
        id: 'T-06',
        title: 'Infusion orders read on the network',
        type: 'Information disclosure',
        severity: 'Medium',
        status: 'Open',
        description: 'Patient data in infusion orders is disclosed if TLS is misconfigured at the hospital.',
        mitigation: 'TLS 1.2 or later only; documented in the customer security guide.',
      },
    ]),
    flow('f-motor', 'controller', 'mcu', 'Motor commands', 'UART', false, []),
  ];
  return {
    version: '2.3.0',
    summary: {
      title: 'IP-200 infusion pump (demo)',
      owner: demoManufacturer,
      description: 'Demo threat model: main controller, motor controller and their interfaces',
      id: 0,
    },
    detail: {
      contributors: [{ name: 'Product Security Team' }],
      diagrams: [
        {
          id: 0,
          title: 'IP-200 data flow',
          diagramType: 'STRIDE',
          placeholder: '',
          thumbnail: './public/content/images/thumbnail.stride.jpg',
          version: '2.3.0',
          cells,
        },
      ],
      diagramTop: 1,
      reviewer: 'Quality assurance',
      threatTop: n,
    },
  };
}
