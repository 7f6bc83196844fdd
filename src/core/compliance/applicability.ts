/**
 * Getting started: from a product's attributes and a few answers, which catalogs apply and which
 * conformity route (full, or Annex F for health software already on the market), each with its
 * reason in both languages. A proposal only: the user confirms it as the product's compliance profile.
 *
 * The Art. 12(3) questions (jp-regulatory-details.md §1, regulatory-iec-jp.md §2): does the device
 * use a program; can it connect to other devices or networks; is unauthorised external access
 * foreseeable. Connectivity comes from the product record; the others are answers.
 */
import type { Localized } from './catalog.js';
import type { Product } from '../domain/product.js';

export const markets = ['jp', 'us', 'eu'] as const;
export type Market = (typeof markets)[number];

export const conformityRoutes = ['full', 'annex_f'] as const;
export type ConformityRoute = (typeof conformityRoutes)[number];

export interface ApplicabilityAnswers {
  /** Whether the device contains or is a program (true for SaMD whatever is answered). */
  readonly usesProgram: boolean;
  /** Whether unauthorised access from outside is reasonably foreseeable (e.g. removable media, service ports). */
  readonly externalAccessForeseeable: boolean;
  /** Already on the market (transitional health software, Annex F route) or a new development. */
  readonly onMarket: boolean;
  readonly markets: readonly Market[];
}

export interface CatalogProposal {
  /** `id@version`. */
  readonly catalog: string;
  readonly applies: boolean;
  readonly reason: Localized;
}

export interface ApplicabilityProposal {
  readonly art12_3Applies: boolean;
  readonly route: ConformityRoute;
  readonly routeReason: Localized;
  readonly catalogs: readonly CatalogProposal[];
}

export interface CatalogKeys {
  readonly IEC: string;
  readonly MHLW_GUIDANCE: string;
  readonly JP_EP: string;
  readonly MHLW_0523: string;
  readonly MHLW_0417: string;
  readonly MHLW_0115: string;
  readonly MHLW_0328: string;
  readonly IMDRF_N60: string;
  readonly IMDRF_N70: string;
  readonly IMDRF_N73: string;
  readonly FDA_PREMARKET: string;
  readonly FDA_524B: string;
  readonly EU_MDCG: string;
}

export function proposeApplicability(
  product: Pick<Product, 'isSamd' | 'connectivity' | 'deviceClass'>,
  answers: ApplicabilityAnswers,
  keys: CatalogKeys,
): ApplicabilityProposal {
  const program = answers.usesProgram || product.isSamd;
  const connects = product.connectivity.some((c) => c !== 'none');
  const art = program && (connects || answers.externalAccessForeseeable);
  const jp = answers.markets.includes('jp');
  const us = answers.markets.includes('us');
  const eu = answers.markets.includes('eu');
  const why = (ja: string, en: string): Localized => ({ ja, en });
  const artReason = art
    ? why(
        `プログラムを用い${connects ? '、他の機器やネットワークに接続できる' : '、外部からの不正アクセスが想定される'}ため、基本要件基準第12条第3項が適用される。`,
        `The device uses a program and ${connects ? 'can connect to other devices or networks' : 'unauthorised external access is foreseeable'}, so Essential Principles Art. 12(3) applies.`,
      )
    : why(
        program ? '接続性がなく外部からの不正アクセスも想定されないため、第12条第3項は適用されない。' : 'プログラムを用いないため、第12条第3項は適用されない。',
        program ? 'No connectivity and no foreseeable unauthorised external access: Art. 12(3) does not apply.' : 'The device uses no program: Art. 12(3) does not apply.',
      );
  const notJp = why('日本市場向けではない。', 'Not placed on the Japanese market.');
  const jpApplies = jp && art;
  const jpReason = jp ? artReason : notJp;
  const proposals: CatalogProposal[] = [
    { catalog: keys.IEC, applies: jpApplies || ((us || eu) && program), reason: jpApplies ? why('第12条第3項への適合は JIS T 81001-5-1（IEC 81001-5-1）による。', 'Conformity with Art. 12(3) is shown through JIS T 81001-5-1 (IEC 81001-5-1).') : (us || eu) && program ? why('FDA・EU でも認められた規格として参照される。', 'Recognised as a consensus standard by the FDA and in the EU.') : jpReason },
    { catalog: keys.JP_EP, applies: jpApplies, reason: jpReason },
    { catalog: keys.MHLW_GUIDANCE, applies: jpApplies, reason: jpApplies ? why('手引書（第2版）が第12条第3項の実施方法を示す。', 'The guidance (2nd ed.) describes how to meet Art. 12(3).') : jpReason },
    { catalog: keys.MHLW_0523, applies: jpApplies, reason: jpApplies ? why('申請時に JIS の確認項目ごとの実施状況を示す。', 'The application shows the status per JIS confirmation item.') : jpReason },
    { catalog: keys.MHLW_0417, applies: jpApplies && answers.onMarket, reason: jpApplies ? (answers.onMarket ? why('市販中の製品はレガシー医療機器の情報提供の対象となる。', 'Products on the market fall under the legacy-device information duties.') : why('新規開発品であり、市販後に対象となる。', 'New development: applies once on the market.')) : jpReason },
    { catalog: keys.MHLW_0115, applies: jpApplies, reason: jpApplies ? why('サイバー攻撃による不具合は不具合報告の対象となりうる。', 'Malfunctions caused by cyber attacks may have to be reported.') : jpReason },
    { catalog: keys.MHLW_0328, applies: jpApplies, reason: jpApplies ? why('脆弱性対応の体制に関する通知が適用される。', 'The notice on vulnerability handling applies.') : jpReason },
    { catalog: keys.FDA_PREMARKET, applies: us && program, reason: us ? why('米国で販売するソフトウェアを含む機器の申請資料。', 'Premarket documentation for devices with software sold in the US.') : why('米国市場向けではない。', 'Not placed on the US market.') },
    { catalog: keys.FDA_524B, applies: us && program && connects, reason: us ? (program && connects ? why('ソフトウェアを含み接続可能な「サイバー機器」に当たる。', 'A "cyber device": includes software and can connect.') : why('接続性がなく「サイバー機器」に当たらない。', 'Not a "cyber device": no connectivity.')) : why('米国市場向けではない。', 'Not placed on the US market.') },
    { catalog: keys.EU_MDCG, applies: eu && program, reason: eu ? why('EU MDR の一般安全性能要件に対するサイバーセキュリティの指針。', 'Cybersecurity guidance for the EU MDR general safety and performance requirements.') : why('EU 市場向けではない。', 'Not placed on the EU market.') },
    { catalog: keys.IMDRF_N60, applies: false, reason: why('参考文書（各国規制の基礎）。任意で追加できる。', 'Reference document behind national rules; add it if wanted.') },
    { catalog: keys.IMDRF_N70, applies: false, reason: why('参考文書（レガシー機器）。任意で追加できる。', 'Reference document (legacy devices); add it if wanted.') },
    { catalog: keys.IMDRF_N73, applies: false, reason: why('参考文書（SBOM）。任意で追加できる。', 'Reference document (SBOM); add it if wanted.') },
  ];
  return {
    art12_3Applies: art,
    route: answers.onMarket ? 'annex_f' : 'full',
    routeReason: answers.onMarket
      ? why('市販中の製品は JIS T 81001-5-1 附属書F（トランジションヘルスソフトウェア）のルートで適合を示せる（Q&A 2024-01-31 の例）。', 'A product already on the market can show conformity through JIS T 81001-5-1 Annex F (transitional health software), as in the Q&A of 2024-01-31.')
      : why('新規開発品は箇条4〜9 のすべてのプロセスに従う（フルルート）。', 'A new development follows every process of Clauses 4–9 (full route).'),
    catalogs: proposals,
  };
}
