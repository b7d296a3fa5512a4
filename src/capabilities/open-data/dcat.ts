/**
 * The catalogue of the open datasets in DCAT-AP-SE 2.x (docs.dataportal.se/dcat), so Sveriges dataportal and the
 * European data portal can harvest it: a dcat:Catalog, per municipality one dcat:Dataset per kind of data, each with
 * its distributions (JSON and CSV), publisher (foaf:Agent), contact point (vcard:Organization), themes from the EU
 * data-theme vocabulary and file types from the EU file-type vocabulary. Pure: a graph is built from plain input,
 * then written as RDF/XML (what harvesters read first) or JSON-LD. Decision 0029.
 */

export const NAMESPACES = {
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  dcat: 'http://www.w3.org/ns/dcat#',
  dcterms: 'http://purl.org/dc/terms/',
  foaf: 'http://xmlns.com/foaf/0.1/',
  vcard: 'http://www.w3.org/2006/vcard/ns#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
} as const;

export const LICENCE = 'http://creativecommons.org/publicdomain/zero/1.0/';
const ACCESS_PUBLIC = 'http://publications.europa.eu/resource/authority/access-right/PUBLIC';
const THEMES = 'http://publications.europa.eu/resource/authority/data-theme';
const FILE_TYPES = 'http://publications.europa.eu/resource/authority/file-type';
const SWEDISH = 'http://publications.europa.eu/resource/authority/language/SWE';
const LOCAL_AUTHORITY = 'http://purl.org/adms/publishertype/LocalAuthority';

/** An object of a statement: another resource (IRI) or a literal, in a language or of a datatype. */
export type Term = { iri: string } | { value: string; lang?: string; datatype?: string };

export interface Resource {
  id: string;
  /** A prefixed name: dcat:Dataset. */
  type: string;
  props: [string, Term][];
}

export type DatasetKind = 'plans' | 'follow-up' | 'indicators' | 'activities';
export type Format = 'json' | 'csv';

export interface DistributionInput {
  format: Format;
  /** Absolute address of the file. */
  url: string;
  /** Which part of the dataset the file holds (one plan of several), in Swedish and English. */
  title?: { sv: string; en: string };
}

export interface DatasetInput {
  kind: DatasetKind;
  distributions: DistributionInput[];
  /** YYYY-MM-DD of the latest change, when known. */
  modified?: string | null;
}

export interface CatalogInput {
  /** The public address of the service, without a trailing slash. */
  baseUrl: string;
  publisherName: string;
  /** Where questions about the data go; without it the contact point names a web page only. */
  contactEmail?: string | null;
  /** YYYY-MM-DD. */
  modified?: string | null;
  municipalities: { code: string; name: string; datasets: DatasetInput[] }[];
}

const media: Record<Format, { fileType: string; mediaType: string }> = {
  json: { fileType: `${FILE_TYPES}/JSON`, mediaType: 'https://www.iana.org/assignments/media-types/application/json' },
  csv: { fileType: `${FILE_TYPES}/CSV`, mediaType: 'https://www.iana.org/assignments/media-types/text/csv' },
};

interface KindWords {
  title: { sv: string; en: string };
  description: { sv: string; en: string };
  keywords: { sv: string[]; en: string[] };
  themes: string[];
  /** The public page the dataset is shown on, after /{lang}/kommun/{code}. */
  page: string;
}

/** {m} is the municipality's name. */
const kinds: Record<DatasetKind, KindWords> = {
  plans: {
    title: { sv: 'Integrationsplaner – {m}', en: 'Integration plans – {m}' },
    description: {
      sv: 'Kommunens publicerade styrdokument för integration (antagna planer, förslag och ersatta versioner) med mål, aktiviteter, ansvariga enheter och tidpunkter, i formatet plan-outline/1 (JSON) och som en rad per punkt (CSV).',
      en: "The municipality's published steering documents for integration (adopted plans, proposals and superseded editions) with goals, activities, responsible units and deadlines, in the plan-outline/1 format (JSON) and as one row per item (CSV).",
    },
    keywords: {
      sv: ['integration', 'styrdokument', 'handlingsplan', 'kommun'],
      en: ['integration', 'steering document', 'action plan', 'municipality'],
    },
    themes: ['GOVE', 'SOCI'],
    page: '',
  },
  'follow-up': {
    title: { sv: 'Uppföljning av integrationsplaner – {m}', en: 'Follow-up of integration plans – {m}' },
    description: {
      sv: 'Godkända uppföljningsrapporter per punkt i kommunens publicerade planer: uppföljningsomgång, period, status, andel klar och, för avslutade omgångar, bedömningen av målen. Rapporter som inte är godkända ingår inte.',
      en: "Approved follow-up reports per item of the municipality's published plans: cycle, period, status, share done and, for closed cycles, the assessment of the goals. Reports not yet approved are not included.",
    },
    keywords: { sv: ['integration', 'uppföljning', 'måluppfyllelse'], en: ['integration', 'follow-up', 'goal attainment'] },
    themes: ['GOVE'],
    page: '',
  },
  indicators: {
    title: { sv: 'Indikatorer för integration – {m}', en: 'Integration indicators – {m}' },
    description: {
      sv: 'Indikatorerna kommunen följer sina integrationsmål med, och deras värden per period med källa (Kolada, SCB, egna uppgifter). Andelar ur kohorter med färre än fem personer visas inte.',
      en: 'The indicators the municipality follows its integration goals with, and their values per period with their source (Kolada, Statistics Sweden, own figures). Shares of cohorts with fewer than five people are suppressed.',
    },
    keywords: {
      sv: ['integration', 'indikatorer', 'statistik', 'nyckeltal'],
      en: ['integration', 'indicators', 'statistics', 'key figures'],
    },
    themes: ['SOCI', 'GOVE'],
    page: '/indikatorer',
  },
  activities: {
    title: { sv: 'Aktiviteter för integration – {m}', en: 'Integration activities – {m}' },
    description: {
      sv: 'Publicerade aktiviteter i kommunens aktivitetskatalog (föreningar och kommunen) med plats, kategori, språk och kommande tillfällen det närmaste halvåret; inställda tillfällen är markerade.',
      en: "Published activities in the municipality's activity catalogue (associations and the municipality) with place, category, languages and the coming occurrences in the next half year; cancelled occurrences are marked.",
    },
    keywords: {
      sv: ['integration', 'aktiviteter', 'föreningsliv', 'kalender'],
      en: ['integration', 'activities', 'associations', 'calendar'],
    },
    themes: ['SOCI', 'EDUC'],
    page: '/aktiviteter',
  },
};

export const DATASET_KINDS = Object.keys(kinds) as DatasetKind[];

const fillName = (text: string, name: string) => text.replace('{m}', name);
const iri = (value: string): Term => ({ iri: value });
const text = (value: string, lang?: string): Term => (lang ? { value, lang } : { value });
const date = (value: string): Term => ({ value, datatype: `${NAMESPACES.xsd}date` });

/** The resources (IRIs) a municipality's catalogue entries are named by. */
export function municipalityIris(baseUrl: string, code: string) {
  const self = `${baseUrl}/api/open/municipalities/${code}`;
  return { publisher: `${self}#organisation`, contact: `${self}#contact`, dataset: (kind: DatasetKind) => `${self}#${kind}` };
}

export function catalogIri(baseUrl: string): string {
  return `${baseUrl}/api/open/catalog.rdf#catalog`;
}

export function buildCatalog(input: CatalogInput): Resource[] {
  const base = input.baseUrl;
  const platform = `${base}/api/open/catalog.rdf#publisher`;
  const out: Resource[] = [];
  const catalog: Resource = {
    id: catalogIri(base),
    type: 'dcat:Catalog',
    props: [
      ['dcterms:title', text('Öppna data om kommunernas integrationsarbete', 'sv')],
      ['dcterms:title', text("Open data on the municipalities' integration work", 'en')],
      [
        'dcterms:description',
        text('Kommunernas publicerade integrationsplaner, godkänd uppföljning, indikatorer och aktiviteter som öppna data.', 'sv'),
      ],
      [
        'dcterms:description',
        text("The municipalities' published integration plans, approved follow-up, indicators and activities as open data.", 'en'),
      ],
      ['dcterms:publisher', iri(platform)],
      ['dcterms:license', iri(LICENCE)],
      ['dcterms:language', iri(SWEDISH)],
      ['foaf:homepage', iri(`${base}/sv/oppna-data`)],
      ['dcat:themeTaxonomy', iri(THEMES)],
      ...(input.modified ? [['dcterms:modified', date(input.modified)] as [string, Term]] : []),
    ],
  };
  out.push(catalog);
  out.push({ id: platform, type: 'foaf:Agent', props: [['foaf:name', text(input.publisherName)]] });

  for (const m of input.municipalities) {
    const ids = municipalityIris(base, m.code);
    const organisation = `${m.name} kommun`;
    out.push({
      id: ids.publisher,
      type: 'foaf:Agent',
      props: [
        ['foaf:name', text(organisation, 'sv')],
        ['dcterms:type', iri(LOCAL_AUTHORITY)],
      ],
    });
    out.push({
      id: ids.contact,
      type: 'vcard:Organization',
      props: [
        ['vcard:fn', text(organisation)],
        ...(input.contactEmail ? [['vcard:hasEmail', iri(`mailto:${input.contactEmail}`)] as [string, Term]] : []),
        ['vcard:hasURL', iri(`${base}/sv/kommun/${m.code}`)],
      ],
    });
    for (const d of m.datasets) {
      const words = kinds[d.kind];
      const datasetId = ids.dataset(d.kind);
      catalog.props.push(['dcat:dataset', iri(datasetId)]);
      const distributionIds = d.distributions.map((dist) => `${dist.url}#distribution`);
      out.push({
        id: datasetId,
        type: 'dcat:Dataset',
        props: [
          ['dcterms:title', text(fillName(words.title.sv, m.name), 'sv')],
          ['dcterms:title', text(fillName(words.title.en, m.name), 'en')],
          ['dcterms:description', text(words.description.sv, 'sv')],
          ['dcterms:description', text(words.description.en, 'en')],
          ['dcterms:publisher', iri(ids.publisher)],
          ['dcat:contactPoint', iri(ids.contact)],
          ...words.themes.map((t): [string, Term] => ['dcat:theme', iri(`${THEMES}/${t}`)]),
          ...words.keywords.sv.map((k): [string, Term] => ['dcat:keyword', text(k, 'sv')]),
          ...words.keywords.en.map((k): [string, Term] => ['dcat:keyword', text(k, 'en')]),
          ['dcterms:accessRights', iri(ACCESS_PUBLIC)],
          ['dcterms:language', iri(SWEDISH)],
          ['dcat:landingPage', iri(`${base}/sv/kommun/${m.code}${words.page}`)],
          ...(d.modified ? [['dcterms:modified', date(d.modified)] as [string, Term]] : []),
          ...distributionIds.map((id): [string, Term] => ['dcat:distribution', iri(id)]),
        ],
      });
      d.distributions.forEach((dist, i) => {
        const format = media[dist.format];
        const label = dist.format.toUpperCase();
        out.push({
          id: distributionIds[i] as string,
          type: 'dcat:Distribution',
          props: [
            ['dcterms:title', text(dist.title ? `${dist.title.sv} (${label})` : label, 'sv')],
            ['dcterms:title', text(dist.title ? `${dist.title.en} (${label})` : label, 'en')],
            ['dcat:accessURL', iri(dist.url)],
            ['dcat:downloadURL', iri(dist.url)],
            ['dcterms:format', iri(format.fileType)],
            ['dcat:mediaType', iri(format.mediaType)],
            ['dcterms:license', iri(LICENCE)],
            ['dcterms:accessRights', iri(ACCESS_PUBLIC)],
          ],
        });
      });
    }
  }
  return out;
}

/** What DCAT-AP-SE requires of each class (and what this catalogue promises on top), for checks and tests. */
export const REQUIRED: Record<string, string[]> = {
  'dcat:Catalog': ['dcterms:title', 'dcterms:description', 'dcterms:publisher', 'dcterms:license', 'dcat:dataset'],
  'dcat:Dataset': [
    'dcterms:title',
    'dcterms:description',
    'dcterms:publisher',
    'dcat:contactPoint',
    'dcat:theme',
    'dcat:keyword',
    'dcterms:accessRights',
    'dcat:distribution',
  ],
  'dcat:Distribution': ['dcat:accessURL', 'dcat:downloadURL', 'dcterms:format', 'dcat:mediaType', 'dcterms:license'],
  'foaf:Agent': ['foaf:name'],
  'vcard:Organization': ['vcard:fn'],
};

/** Every required property a resource lacks, as "type <id>: property". */
export function missingRequired(graph: Resource[]): string[] {
  return graph.flatMap((r) =>
    (REQUIRED[r.type] ?? []).filter((p) => !r.props.some(([name]) => name === p)).map((p) => `${r.type} <${r.id}>: ${p}`),
  );
}

// ---- writers ----------------------------------------------------------------------------------------------------

const escapeText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttribute = (s: string) => escapeText(s).replace(/"/g, '&quot;');

export function toRdfXml(graph: Resource[]): string {
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<rdf:RDF'];
  for (const [prefix, ns] of Object.entries(NAMESPACES)) lines.push(`  xmlns:${prefix}="${ns}"`);
  lines[lines.length - 1] += '>';
  for (const r of graph) {
    lines.push(`  <${r.type} rdf:about="${escapeAttribute(r.id)}">`);
    for (const [name, term] of r.props) {
      if ('iri' in term) lines.push(`    <${name} rdf:resource="${escapeAttribute(term.iri)}"/>`);
      else {
        const attribute = term.lang
          ? ` xml:lang="${escapeAttribute(term.lang)}"`
          : term.datatype
            ? ` rdf:datatype="${escapeAttribute(term.datatype)}"`
            : '';
        lines.push(`    <${name}${attribute}>${escapeText(term.value)}</${name}>`);
      }
    }
    lines.push(`  </${r.type}>`);
  }
  lines.push('</rdf:RDF>', '');
  return lines.join('\n');
}

export function toJsonLd(graph: Resource[]): object {
  const context: Record<string, string> = { ...NAMESPACES };
  return {
    '@context': context,
    '@graph': graph.map((r) => {
      const node: Record<string, unknown> = { '@id': r.id, '@type': r.type };
      for (const [name, term] of r.props) {
        const value =
          'iri' in term
            ? { '@id': term.iri }
            : term.lang
              ? { '@value': term.value, '@language': term.lang }
              : term.datatype
                ? { '@value': term.value, '@type': term.datatype }
                : { '@value': term.value };
        node[name] = [...((node[name] as unknown[] | undefined) ?? []), value];
      }
      return node;
    }),
  };
}
