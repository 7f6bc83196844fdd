import { describe, expect, it } from 'vitest';
import { parseJvnJson, parseJvnXml } from './jvn.js';
import { readSample } from './shared-samples.test-helper.js';

describe('parseJvnXml (MyJVN HND, reference §4.8)', () => {
  it('reads getVulnOverviewList RSS items: JVNDB id, ja title, CVE aliases, CVSS v3.0 + v2.0, CPE 2.2 → 2.3', (ctx) => {
    const text = readSample('jvn/captured-2018/getVulnOverviewList_hnd_2018-03-13.xml', ctx);
    if (text === undefined) return;
    const r = parseJvnXml(text);
    expect(r.meta).toEqual({ format: 'hnd-rss', totalRes: 2 });
    expect(r.rejects).toEqual([]);
    expect(r.records[0]).toMatchObject({
      id: 'JVNDB-2018-000024',
      title: 'CG-WGR1200 における複数の脆弱性',
      lang: 'ja',
      cves: ['CVE-2017-10852', 'CVE-2017-10853', 'CVE-2017-10854'],
      cwes: ['CWE-19', 'CWE-264', 'CWE-78'],
      cvss: [
        { version: '3.0', vectorString: 'CVSS:3.0/AV:A/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', baseScore: 8.8, severity: 'High' },
        { version: '2.0', vectorString: 'AV:A/AC:L/Au:N/C:P/I:P/A:P', baseScore: 5.8, severity: 'Medium' },
      ],
      products: [{ vendor: '株式会社コレガ', product: 'CG-WGR1200', cpe: 'cpe:/h:corega:cg-wgr1200', cpe23: 'cpe:2.3:h:corega:cg-wgr1200:*:*:*:*:*:*:*:*', versions: [] }],
      dateFirstPublished: '2018-03-09T12:04:48+09:00',
    });
  });

  it('reads VULDEF getVulnDetailInfo: affected items with versions, CVEs from Related, dates', (ctx) => {
    const text = readSample('jvn/myjvn-np/examples/hnd/getVulnDetailInfo_hnd_JVNDB-2022-000097.xml', ctx);
    if (text === undefined) return;
    const r = parseJvnXml(text);
    expect(r.records).toHaveLength(1);
    expect(r.records[0]?.cves).toEqual(['CVE-2022-41993', 'CVE-2022-46287', 'CVE-2022-46288']);
    expect(r.records[0]?.description).toContain('<ul>'); // predefined entities decoded by hand
    const veritas = parseJvnXml(readSample('jvn/myjvn-np/examples/hnd/getVulnDetailInfo_hnd_JVNDB-2018-009328.xml', ctx) ?? '');
    expect(veritas.records[0]?.products[0]).toEqual({
      vendor: 'ベリタス',
      product: 'Veritas NetBackup',
      cpe: 'cpe:/a:veritas:netbackup',
      cpe23: 'cpe:2.3:a:veritas:netbackup:*:*:*:*:*:*:*:*',
      versions: ['7.7', '8.0', '8.1'],
    });
    expect(veritas.records[0]).toMatchObject({ datePublic: '2018-11-14T00:00:00+09:00', dateLastUpdated: '2018-11-20T12:12:04+09:00' });
  });

  it('reads the detail data feed (7 Vulinfo) and the 2018 capture (2 Vulinfo)', (ctx) => {
    const feed = readSample('jvn/myjvn-np/examples/hnd/dataFeed_jvndb_detail_hnd.xml', ctx);
    const capture = readSample('jvn/captured-2018/getVulnDetailInfo_hnd_2018.xml', ctx);
    if (feed === undefined || capture === undefined) return;
    expect(parseJvnXml(feed).records).toHaveLength(7);
    expect(parseJvnXml(capture).records).toHaveLength(2);
  });

  it('reports the published RSS feed example that is not well-formed (SOURCES.md: unquoted retCd)', (ctx) => {
    const text = readSample('jvn/myjvn-np/examples/hnd/dataFeed_jvndb_rss_hnd.xml', ctx);
    if (text === undefined) return;
    expect(parseJvnXml(text).documentError).toMatch(/not well-formed XML/);
  });

  it('refuses a DOCTYPE (no entity expansion) and rejects items without a JVNDB id', () => {
    const bomb = '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaa">]><rdf:RDF xmlns:rdf="x"><item><title>&a;</title></item></rdf:RDF>';
    expect(parseJvnXml(bomb).documentError).toMatch(/DOCTYPE/);
    const r = parseJvnXml('<rdf:RDF xmlns:rdf="r" xmlns:sec="s"><item><title>t</title><sec:identifier>JVN-1</sec:identifier></item></rdf:RDF>');
    expect(r.rejects).toEqual([{ index: 0, id: 'JVN-1', reason: 'identifier is not JVNDB-YYYY-NNNNNN' }]);
    expect(parseJvnXml('<a>').documentError).toMatch(/not well-formed/);
  });
});

describe('parseJvnJson (MyJVN OKA 4.0)', () => {
  it('reads getVulnOverviewList entries with CVSS v2/v3/v4 and CPE 2.3 products', (ctx) => {
    const text = readSample('jvn/myjvn-np/examples/oka/getVulnOverviewList_oka.json', ctx);
    if (text === undefined) return;
    const r = parseJvnJson(text);
    expect(r.meta?.format).toBe('oka-feed');
    expect(r.records.map((e) => e.id)).toEqual(['JVNDB-2025-000000', 'JVNDB-2025-002953', 'JVNDB-2025-002884']);
    expect(r.records[1]?.cves).toEqual(['CVE-2025-31084']);
    expect(r.records[0]?.cvss.map((c) => c.version)).toEqual(['2.0', '3.0', '4.0']);
    expect(r.records[0]?.products[1]).toMatchObject({ versions: ['4.0.0'], cpe23: 'cpe:2.3:a:dendai.ac.jp:myjvn_api:4.0.0:*:*:*:*:*:*:*' });
  });

  it('reads getVulnDetailInfo (CSAF-shaped) documents', (ctx) => {
    const text = readSample('jvn/myjvn-np/examples/oka/getVulnDetailInfo_oka_JVNDB-2022-000097.json', ctx);
    if (text === undefined) return;
    const [rec] = parseJvnJson(text).records;
    expect(rec).toMatchObject({ id: 'JVNDB-2022-000097', title: '電子入札コアシステムにおける複数の脆弱性', lang: 'ja' });
    expect(rec?.cves).toEqual(['CVE-2022-41993', 'CVE-2022-46287', 'CVE-2022-46288']);
    expect(rec?.products[0]?.cpe23).toBe('cpe:2.3:a:jacic:electronic_bidding_core_system:*:*:*:*:*:*:*:*');
  });

  it('reports the published examples that are not valid JSON ("retMax": ,)', (ctx) => {
    const text = readSample('jvn/myjvn-np/examples/oka/dataFeed_jvndb_detail_oka.json', ctx);
    if (text === undefined) return;
    expect(parseJvnJson(text).documentError).toMatch(/not valid JSON/);
  });
});
