import assert from 'node:assert/strict';
import { it } from 'node:test';
import { buildCatalog, LICENCE, missingRequired, REQUIRED, toJsonLd, toRdfXml, type CatalogInput } from './dcat.ts';
import { parseXml, type XmlElement } from './xml-check.ts';

const input: CatalogInput = {
  baseUrl: 'https://delaktig.example',
  publisherName: 'Delaktig & Co <drift>',
  contactEmail: 'oppnadata@example.se',
  modified: '2026-11-30',
  municipalities: [
    {
      code: '1860',
      name: 'Laxå',
      datasets: [
        {
          kind: 'plans',
          modified: '2026-11-01',
          distributions: [
            { format: 'json', url: 'https://delaktig.example/api/open/plans/p1.json', title: { sv: 'Plan "A" & B', en: 'Plan "A" & B' } },
            { format: 'csv', url: 'https://delaktig.example/api/open/plans/p1.csv', title: { sv: 'Plan "A" & B', en: 'Plan "A" & B' } },
          ],
        },
        {
          kind: 'indicators',
          distributions: [
            { format: 'json', url: 'https://delaktig.example/api/open/municipalities/1860/indicators.json' },
            { format: 'csv', url: 'https://delaktig.example/api/open/municipalities/1860/indicators.csv' },
          ],
        },
      ],
    },
  ],
};

const elements = (root: XmlElement) => root.children;
const propsOf = (e: XmlElement) => e.children.map((c) => c.name);

it('builds a catalogue in which every class carries what DCAT-AP-SE requires', () => {
  const graph = buildCatalog(input);
  assert.deepEqual(missingRequired(graph), []);
  const types = graph.map((r) => r.type);
  assert.equal(types.filter((t) => t === 'dcat:Catalog').length, 1);
  assert.equal(types.filter((t) => t === 'dcat:Dataset').length, 2);
  assert.equal(types.filter((t) => t === 'dcat:Distribution').length, 4);
  const dataset = graph.find((r) => r.id.endsWith('#plans'));
  assert.ok(dataset);
  const titles = dataset.props.filter(([p]) => p === 'dcterms:title').map(([, t]) => t);
  assert.deepEqual(titles, [
    { value: 'Integrationsplaner – Laxå', lang: 'sv' },
    { value: 'Integration plans – Laxå', lang: 'en' },
  ]);
  assert.ok(dataset.props.some(([p, t]) => p === 'dcat:theme' && 'iri' in t && t.iri.endsWith('/data-theme/GOVE')));
});

it('notices a missing mandatory property', () => {
  const graph = buildCatalog(input);
  const distribution = graph.find((r) => r.type === 'dcat:Distribution');
  assert.ok(distribution);
  distribution.props = distribution.props.filter(([p]) => p !== 'dcat:accessURL');
  assert.deepEqual(missingRequired(graph), [`dcat:Distribution <${distribution.id}>: dcat:accessURL`]);
});

it('writes well-formed RDF/XML with escaped text and every required property', () => {
  const xml = toRdfXml(buildCatalog(input));
  const { problems, root } = parseXml(xml);
  assert.deepEqual(problems, []);
  assert.ok(root);
  assert.equal(root.name, 'rdf:RDF');
  assert.equal(root.attributes['xmlns:dcat'], 'http://www.w3.org/ns/dcat#');
  for (const e of elements(root)) {
    assert.ok(e.attributes['rdf:about'], `${e.name} has rdf:about`);
    for (const p of REQUIRED[e.name] ?? []) assert.ok(propsOf(e).includes(p), `${e.name} ${e.attributes['rdf:about']} lacks ${p}`);
  }
  const agent = elements(root).find((e) => e.name === 'foaf:Agent');
  assert.equal(agent?.children.find((c) => c.name === 'foaf:name')?.text, 'Delaktig & Co <drift>');
  const distribution = elements(root).find((e) => e.name === 'dcat:Distribution');
  assert.equal(distribution?.children.find((c) => c.name === 'dcterms:title')?.text, 'Plan "A" & B (JSON)');
  assert.equal(distribution?.children.find((c) => c.name === 'dcterms:license')?.attributes['rdf:resource'], LICENCE);
  assert.equal(
    distribution?.children.find((c) => c.name === 'dcat:mediaType')?.attributes['rdf:resource'],
    'https://www.iana.org/assignments/media-types/application/json',
  );
  const contact = elements(root).find((e) => e.name === 'vcard:Organization');
  assert.equal(contact?.children.find((c) => c.name === 'vcard:hasEmail')?.attributes['rdf:resource'], 'mailto:oppnadata@example.se');
});

it('the well-formedness check itself refuses broken XML', () => {
  assert.notDeepEqual(parseXml('<a><b></a>').problems, []);
  assert.notDeepEqual(parseXml('<a>x & y</a>').problems, []);
  assert.notDeepEqual(parseXml('<a/><b/>').problems, []);
  assert.notDeepEqual(parseXml('<a x=1/>').problems, []);
  assert.deepEqual(parseXml('<?xml version="1.0"?><a x="&amp;"><b>&lt;</b></a>').problems, []);
});

it('writes the same graph as JSON-LD with the prefixes in its context', () => {
  const doc = toJsonLd(buildCatalog(input)) as { '@context': Record<string, string>; '@graph': Record<string, unknown>[] };
  assert.equal(doc['@context'].dcterms, 'http://purl.org/dc/terms/');
  const catalog = doc['@graph'].find((n) => n['@type'] === 'dcat:Catalog');
  assert.deepEqual(catalog?.['dcterms:license'], [{ '@id': LICENCE }]);
  assert.equal((catalog?.['dcat:dataset'] as unknown[]).length, 2);
  assert.deepEqual(catalog?.['dcterms:modified'], [{ '@value': '2026-11-30', '@type': 'http://www.w3.org/2001/XMLSchema#date' }]);
});

it('leaves the e-mail out of the contact point when none is configured, keeping the web address', () => {
  const graph = buildCatalog({ ...input, contactEmail: null });
  const contact = graph.find((r) => r.type === 'vcard:Organization');
  assert.deepEqual(
    contact?.props.map(([p]) => p),
    ['vcard:fn', 'vcard:hasURL'],
  );
});
