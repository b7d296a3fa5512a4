/**
 * The words the synthetic national data set is written in. Every title says it is test data and every person is
 * "Testperson NNN", so nobody mistakes a benchmark database for a municipality's real plan.
 */
import type { Random } from './random.ts';

export const unitAreas = [
  'Kommunledning',
  'Arbetsmarknad',
  'Socialtjänst',
  'Grundskola',
  'Gymnasium',
  'Vuxenutbildning och SFI',
  'Förskola',
  'Elevhälsa',
  'Kultur och bibliotek',
  'Fritid och idrott',
  'Samhällsbyggnad',
  'Bostad och mottagning',
  'Hälsa och omsorg',
  'Integration',
  'Näringsliv',
  'Kommunikation',
  'Personal',
  'Ekonomi',
  'Fastighet',
  'Familjecentral',
  'Ungdom',
  'Miljö',
  'Överförmyndare',
  'Digitalisering',
  'Civilsamhälle och föreningar',
] as const;

export const areaThemes = [
  'Arbete och försörjning',
  'Språk och utbildning',
  'Bostad och mottagande',
  'Hälsa och välbefinnande',
  'Fritid, kultur och civilsamhälle',
  'Barn och unga',
] as const;

const goalPhrases = [
  'fler nyanlända når egen försörjning inom tre år',
  'alla nyanlända erbjuds samhällsorientering på sitt modersmål',
  'väntetiden till SFI understiger en månad',
  'fler elever med utländsk bakgrund når gymnasiebehörighet',
  'fler arbetsgivare tar emot praktikanter',
  'alla nyanlända har en bostad med förstahandskontrakt efter två år',
  'fler kvinnor deltar i arbetsmarknadsinsatser',
  'föreningslivet når fler nyanlända barn och unga',
  'hälsoundersökning erbjuds alla inom två månader',
  'mötesplatser mellan nyanlända och etablerade invånare finns i alla kommundelar',
  'kommunens verksamheter har kunskap om mottagande och bemötande',
  'ensamkommande unga får stöd in i vuxenlivet',
] as const;

const verbs = [
  'Genomföra',
  'Utveckla',
  'Erbjuda',
  'Samordna',
  'Kartlägga',
  'Följa upp',
  'Anordna',
  'Införa',
  'Sprida information om',
  'Utbilda personal i',
] as const;

const objects = [
  'språkpraktik hos kommunens arbetsplatser',
  'samhällsorientering i mindre grupper',
  'studiebesök hos lokala arbetsgivare',
  'läxhjälp på biblioteket',
  'föräldrautbildning för nyanlända föräldrar',
  'ett introduktionsprogram för nyanställda med utländsk bakgrund',
  'mentorskap mellan nyanlända och etablerade invånare',
  'validering av utländsk yrkeserfarenhet',
  'en lotsfunktion för bostadssökande',
  'simundervisning för vuxna',
  'hälsoinformation på flera språk',
  'språkcaféer i samarbete med civilsamhället',
  'feriearbeten för unga',
  'arbetsmarknadsanställningar inom vård och omsorg',
  'en digital guide till kommunens service',
  'interkulturell kompetens för chefer',
  'kvinnors väg till arbete',
  'föreningsbidrag för integrationsfrämjande verksamhet',
] as const;

const qualifiers = [
  'i samverkan med Arbetsförmedlingen',
  'tillsammans med civilsamhället',
  'i alla kommundelar',
  'med särskilt fokus på kvinnor',
  'för unga mellan 16 och 24 år',
  'inom ramen för etableringsprogrammet',
  'med uppföljning av deltagande och resultat',
  'i dialog med regionen',
] as const;

const sentences = [
  'Arbetet har genomförts enligt plan och deltagandet har varit högre än under föregående period.',
  'Insatsen har samordnats med Arbetsförmedlingen och två lokala arbetsgivare har tillkommit som samarbetspartner.',
  'Under perioden har rekryteringen av handledare tagit längre tid än beräknat, vilket har försenat starten.',
  'Deltagarna har fått information på arabiska, dari, somaliska och tigrinja.',
  'En utvärdering gjordes i slutet av perioden och resultaten redovisas för nämnden i nästa sammanträde.',
  'Samarbetet med studieförbunden har fördjupats och fler grupper har startat på kvällstid.',
  'Andelen kvinnor bland deltagarna har ökat jämfört med förra året.',
  'Verksamheten har anpassats efter de synpunkter som deltagarna lämnade i enkäten.',
  'Lokalfrågan är ännu inte löst och en tillfällig lösning används i väntan på ombyggnaden.',
  'Personalomsättningen har påverkat kontinuiteten, men en ny samordnare är anställd från och med nästa månad.',
  'Målvärdet nåddes och insatsen fortsätter i samma form under kommande period.',
  'Uppföljningen visar att deltagarna i högre grad går vidare till studier eller arbete.',
  'Insatsen har genomförts i mindre omfattning än planerat på grund av färre nyanlända under perioden.',
  'En referensgrupp med representanter från föreningslivet har träffats vid tre tillfällen.',
  'Informationsmaterialet har reviderats och finns nu även på lättläst svenska.',
  'Arbetet fortsätter och en delrapport lämnas till kommunstyrelsen i samband med årsredovisningen.',
] as const;

export const pad = (n: number, width: number) => String(n).padStart(width, '0');

export const person = (n: number) => `Testperson ${pad(n, 3)}`;

export const unitName = (n: number) => `Förvaltning ${pad(n, 2)} – ${unitAreas[(n - 1) % unitAreas.length] as string}`;

export const goalText = (number: string, random: Random) => `Mål ${number} (testdata): ${random.pick(goalPhrases)}.`;

export function activityText(number: string, random: Random): string {
  return `Aktivitet ${number} (testdata): ${random.pick(verbs)} ${random.pick(objects)} ${random.pick(qualifiers)}.`;
}

/** A report's narrative: a few sentences, about 150–700 characters as units write them. */
export function narrative(random: Random, count = random.int(1, 5)): string {
  return random.sample(sentences, count).join(' ');
}

export const rationales = [
  'Bedömningen grundar sig på enheternas rapporter och utfallet för målets indikatorer.',
  'De flesta aktiviteter är genomförda; några har skjutits till nästa period.',
  'Flera aktiviteter är försenade och målvärdet nås inte under perioden.',
  'Målet följs upp med indikatorer som ännu inte har uppdaterats för perioden.',
] as const;

export const activityCategories = ['language', 'homework', 'sport', 'culture', 'crafts', 'meeting', 'society', 'education', 'other'] as const;

export const catalogueTitles: Record<(typeof activityCategories)[number], string[]> = {
  language: ['Språkcafé', 'Samtalsgrupp på svenska', 'Svenska för föräldrar', 'Läsecirkel på lättläst svenska'],
  homework: ['Läxhjälp', 'Matteklubben', 'Studiestöd inför nationella prov'],
  sport: ['Fotboll för alla', 'Simskola för vuxna', 'Promenadgrupp', 'Innebandy på lördagar', 'Cykelskola'],
  culture: ['Filmkväll', 'Musikverkstad', 'Teatergrupp', 'Berättarkväll'],
  crafts: ['Syträff', 'Stickcafé', 'Snickarverkstad'],
  meeting: ['Öppen mötesplats', 'Kvinnocafé', 'Familjefika', 'Seniorträff'],
  society: ['Samhällsinformation', 'Budget- och skuldrådgivning', 'Digital hjälp', 'Juridisk rådgivning'],
  education: ['Studiecirkel om arbetsmarknaden', 'Körkortsteori', 'Datorkurs för nybörjare'],
  other: ['Klädbyte', 'Odlingslotter', 'Volontärträff'],
};

export const catalogueLanguages = ['sv', 'ar', 'so', 'ti', 'prs', 'en', 'fa', 'uk', 'ku'] as const;

export const places = [
  ['Biblioteket', 'Biblioteksgatan 2'],
  ['Medborgarhuset', 'Storgatan 14'],
  ['Folkets hus', 'Järnvägsgatan 7'],
  ['Fritidsgården', 'Skolvägen 3'],
  ['Idrottshallen', 'Idrottsvägen 1'],
  ['Kyrkans församlingshem', 'Kyrkogatan 5'],
  ['Öppna förskolan', 'Parkvägen 9'],
  ['Studieförbundets lokal', 'Torget 4'],
] as const;

export const associations = [
  'Språkvänner',
  'Röda Korset',
  'Fotbollsförening',
  'Studieförbund',
  'Kvinnoförening',
  'Kulturförening',
  'Syförening',
  'Schackklubb',
  'Hembygdsförening',
  'Friluftsfrämjandet',
  'Scoutkår',
  'Pensionärsförening',
] as const;

export const projectTitles = [
  'Mötesplats för föräldrar',
  'Språkvänner i vardagen',
  'Idrott för alla tjejer',
  'Sommarläger för unga',
  'Kulturkväll med nya och gamla invånare',
  'Digital vardag för nyanlända seniorer',
  'Läxhjälp i föreningslokalen',
  'Arbetsplatsbesök för kvinnor',
  'Odla tillsammans',
  'Matlagning över gränser',
] as const;
