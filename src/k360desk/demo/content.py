"""The words of the demo city: place names, indicators, providers, facility types, streets.

Everything here is plain data in German, as a planner would find it in a real
municipality; the generator picks from these lists with its seeded random generator.
"""

from __future__ import annotations

from dataclasses import dataclass

MUNICIPALITY = "Musterstadt"
# A kreisfreie Stadt in Lower Saxony (Land 03) under a district number that is not in use.
AGS = "03499000"
POSTCODE_BASE = 37510
PHONE_PREFIX = "05561"

BOROUGH_LEVEL = "Stadtbezirk"
QUARTER_LEVEL = "Quartier"
BLOCK_LEVEL = "Baublock"

COMPASS = ("Nord", "Nordost", "Ost", "Südost", "Süd", "Südwest", "West", "Nordwest")

CENTRE_NAMES = ("Altstadt", "Innenstadt", "Bahnhofsviertel", "Neustadt", "Marktviertel",
                "Schlossviertel", "Domviertel", "Universitätsviertel")
RIVER_NAMES = ("Fischerviertel", "Am Mühlenwehr", "Werftviertel", "Auenviertel", "Uferviertel",
               "Brückenkopf", "Schleusenviertel", "Hafenkante")
PLACE_NAMES = (
    "Lindenhof", "Eichenfeld", "Sonnenberg", "Kirchheim", "Rosenhöhe", "Birkenwald",
    "Am Stadtwald", "Wiesengrund", "Buchholz", "Ostpark", "Gartenstadt", "Kreuzberg",
    "Heidkamp", "Brunnenviertel", "Steinfeld", "Hasenheide", "Lerchenfeld", "Falkenhorst",
    "Ulmenau", "Erlenbruch", "Tannenhof", "Mühlenfeld", "Wolfsgrube", "Schafweide",
    "Kastanienallee", "Am Bahnbogen", "Oberdorf", "Niederhausen", "Waldheim", "Bergfeld",
    "Hohenrode", "Weidenbusch", "Friedenshöhe", "Klosterfeld", "Am Galgenberg", "Kuhlen",
)
NAME_STEMS = ("Linden", "Eichen", "Birken", "Buchen", "Tannen", "Rosen", "Wiesen", "Mühlen",
              "Kirch", "Schloss", "Sonnen", "Berg", "Wald", "Bach", "Brunnen", "Garten",
              "Heide", "Stein", "Hasel", "Erlen", "Ulmen", "Fichten", "Weiden", "Hirsch",
              "Falken", "Lerchen", "Kreuz", "Kloster", "Hohen", "Espen")
NAME_ENDINGS = ("hof", "feld", "berg", "grund", "au", "heide", "hausen", "dorf", "winkel",
                "busch", "tal", "horst", "rode", "kamp", "bruch")

# Quartiere with a story of their own (see generator.values).
GENTRIFYING = "Hafenviertel"
ESTATE = "Am Hochfeld"
AGEING = "Sonnenhang"
INDUSTRIAL = "Gewerbegebiet Ost"

STREETS = (
    "Hauptstraße", "Bahnhofstraße", "Schillerstraße", "Goethestraße", "Lindenallee", "Am Markt",
    "Kirchgasse", "Mühlenweg", "Gartenstraße", "Friedrich-Ebert-Straße", "Kantstraße",
    "Rosenweg", "Birkenweg", "Schulstraße", "Dorfstraße", "Bergstraße", "Ringstraße",
    "Waldstraße", "Lessingstraße", "Beethovenstraße", "Parkstraße", "Kastanienweg",
    "Breslauer Straße", "Königsberger Straße", "Geschwister-Scholl-Straße", "Am Anger",
    "Wilhelm-Busch-Weg", "Marktplatz", "Poststraße", "Feldstraße", "Steinweg", "Im Winkel",
)
RIVER_STREETS = ("Uferstraße", "Hafenstraße", "Am Kai", "Fischergasse", "Brückenstraße",
                 "An der Schleuse")


@dataclass(frozen=True)
class IndicatorSpec:
    """One indicator of the catalogue; derived ones name their numerator and denominator."""

    key: str
    name: str
    unit: str
    source: str
    topic: str
    kind: str = "count"
    polarity: int = 0
    numerator: str | None = None
    denominator: str | None = None
    scale: float = 1.0
    decimals: int = 0
    disclosure: int = 0
    description: str = ""


EMR = "Einwohnermelderegister (Stadt Musterstadt, Stichtag 31.12.)"
BA = "Statistik der Bundesagentur für Arbeit / Jobcenter Musterstadt"
SOZ = "Sozialamt Musterstadt (SGB XII)"
JUGEND = "Jugendamt Musterstadt"
SCHULE = "Schulamt / Landesamt für Statistik"

TOPICS = (
    ("Bevölkerung und Demografie", "Größe, Alter und Zusammensetzung der Bevölkerung"),
    ("Existenzsicherung und Armut", "Leistungsbezug nach SGB II und SGB XII"),
    ("Arbeit und Beschäftigung", "Arbeitslosigkeit und Teilhabe am Arbeitsmarkt"),
    ("Kinder, Jugend und Familie", "Lebenslagen von Kindern, Jugendlichen und Familien"),
    ("Bildung", "Übergänge und Bildungsbeteiligung"),
    ("Integration und Vielfalt", "Zuwanderung und Staatsangehörigkeit"),
    ("Alter und Pflege", "Lebenslagen älterer Menschen"),
    ("Wohnen und Quartier", "Nachbarschaft, Wohnumfeld, Beteiligung"),
)

P = "Personen"
PCT = "%"
CORE_INDICATORS: tuple[IndicatorSpec, ...] = (
    IndicatorSpec("einwohner", "Einwohnerinnen und Einwohner", P, EMR, "Bevölkerung und Demografie",
                  description="Bevölkerung mit Haupt- und Nebenwohnsitz am Jahresende"),
    IndicatorSpec("einw_u6", "Kinder unter 6 Jahren", P, EMR, "Kinder, Jugend und Familie"),
    IndicatorSpec("einw_u15", "Kinder unter 15 Jahren", P, EMR, "Kinder, Jugend und Familie"),
    IndicatorSpec("einw_u18", "Kinder und Jugendliche unter 18 Jahren", P, EMR,
                  "Kinder, Jugend und Familie"),
    IndicatorSpec("einw_15_64", "Einwohner 15 bis unter 65 Jahre", P, EMR,
                  "Bevölkerung und Demografie"),
    IndicatorSpec("einw_u65", "Einwohner unter 65 Jahren", P, EMR, "Bevölkerung und Demografie"),
    IndicatorSpec("einw_65plus", "Einwohner 65 Jahre und älter", P, EMR, "Alter und Pflege"),
    IndicatorSpec("auslaender", "Ausländerinnen und Ausländer", P, EMR, "Integration und Vielfalt"),
    IndicatorSpec("migration", "Einwohner mit Migrationshintergrund", P, EMR,
                  "Integration und Vielfalt",
                  description="Ausländer, Eingebürgerte und Aussiedler sowie deren Kinder"),
    IndicatorSpec("hh_kinder", "Haushalte mit Kindern unter 18 Jahren", "Haushalte", EMR,
                  "Kinder, Jugend und Familie",
                  description="Haushaltegenerierung aus dem Melderegister"),
    IndicatorSpec("alleinerziehende", "Alleinerziehendenhaushalte", "Haushalte", EMR,
                  "Kinder, Jugend und Familie", polarity=1, disclosure=1),
    IndicatorSpec("sgb2", "SGB-II-Leistungsberechtigte", P, BA, "Existenzsicherung und Armut",
                  polarity=1, disclosure=1),
    IndicatorSpec("sgb2_u15", "Nicht erwerbsfähige Leistungsberechtigte unter 15 Jahren", P, BA,
                  "Existenzsicherung und Armut", polarity=1, disclosure=1,
                  description="Kinder unter 15 Jahren in Bedarfsgemeinschaften nach SGB II"),
    IndicatorSpec("arbeitslose", "Arbeitslose", P, BA, "Arbeit und Beschäftigung", polarity=1,
                  disclosure=1, description="Arbeitslose nach SGB II und SGB III"),
    IndicatorSpec("grusi", "Empfänger von Grundsicherung im Alter", P, SOZ, "Alter und Pflege",
                  polarity=1, disclosure=1,
                  description="Leistungsberechtigte nach dem 4. Kapitel SGB XII, 65 Jahre"
                  " und älter"),
    IndicatorSpec("hze", "Hilfen zur Erziehung", "Fälle", JUGEND, "Kinder, Jugend und Familie",
                  polarity=1, disclosure=1, description="Laufende Hilfen nach §§ 27 ff. SGB VIII"),
    IndicatorSpec("viertklaessler", "Schülerinnen und Schüler der 4. Klasse", P, SCHULE, "Bildung",
                  disclosure=1),
    IndicatorSpec("uebergang_gym", "Übergänge auf das Gymnasium", P, SCHULE, "Bildung",
                  disclosure=1),
    IndicatorSpec("anteil_u18", "Anteil Minderjährige", PCT, EMR, "Kinder, Jugend und Familie",
                  kind="share", numerator="einw_u18", denominator="einwohner", scale=100,
                  decimals=1),
    IndicatorSpec("altenquote", "Anteil 65-Jährige und Ältere (Altenquote)", PCT, EMR,
                  "Alter und Pflege", kind="share", numerator="einw_65plus",
                  denominator="einwohner", scale=100, decimals=1),
    IndicatorSpec("auslaenderanteil", "Ausländeranteil", PCT, EMR, "Integration und Vielfalt",
                  kind="share", numerator="auslaender", denominator="einwohner", scale=100,
                  decimals=1),
    IndicatorSpec("migrationsanteil", "Anteil mit Migrationshintergrund", PCT, EMR,
                  "Integration und Vielfalt", kind="share", numerator="migration",
                  denominator="einwohner", scale=100, decimals=1),
    IndicatorSpec("sgb2_quote", "SGB-II-Quote", PCT, BA, "Existenzsicherung und Armut",
                  kind="share", polarity=1, numerator="sgb2", denominator="einw_u65", scale=100,
                  decimals=1, description="SGB-II-Leistungsberechtigte je 100 Einwohner unter 65"),
    IndicatorSpec("kinderarmut", "Kinderarmut (SGB-II-Quote unter 15 Jahren)", PCT, BA,
                  "Existenzsicherung und Armut", kind="share", polarity=1, numerator="sgb2_u15",
                  denominator="einw_u15", scale=100, decimals=1),
    IndicatorSpec("alo_quote", "Arbeitslosenquote (Anteil an 15- bis unter 65-Jährigen)", PCT, BA,
                  "Arbeit und Beschäftigung", kind="share", polarity=1, numerator="arbeitslose",
                  denominator="einw_15_64", scale=100, decimals=1),
    IndicatorSpec("alleinerziehende_quote", "Anteil Alleinerziehende an Haushalten mit Kindern",
                  PCT, EMR, "Kinder, Jugend und Familie", kind="share", polarity=1,
                  numerator="alleinerziehende", denominator="hh_kinder", scale=100, decimals=1),
    IndicatorSpec("altersarmut", "Altersarmut (Grundsicherungsquote 65+)", PCT, SOZ,
                  "Alter und Pflege", kind="share", polarity=1, numerator="grusi",
                  denominator="einw_65plus", scale=100, decimals=1),
    IndicatorSpec("hze_dichte", "Hilfen zur Erziehung je 1.000 Minderjährige", "je 1.000",
                  JUGEND, "Kinder, Jugend und Familie", kind="rate", polarity=1, numerator="hze",
                  denominator="einw_u18", scale=1000, decimals=1),
    IndicatorSpec("gym_quote", "Übergangsquote Gymnasium", PCT, SCHULE, "Bildung", kind="share",
                  polarity=-1, numerator="uebergang_gym", denominator="viertklaessler",
                  scale=100, decimals=1),
    IndicatorSpec("durchschnittsalter", "Durchschnittsalter", "Jahre", EMR,
                  "Bevölkerung und Demografie", kind="mean", decimals=1),
)

# Sources that deliver the newest year as preliminary figures.
PROVISIONAL_SOURCES = (BA,)

AGE_BANDS = ((0, 3), (3, 6), (6, 10), (10, 15), (15, 18), (18, 21), (21, 25), (25, 30),
             (30, 35), (35, 40), (40, 45), (45, 50), (50, 55), (55, 60), (60, 65), (65, 70),
             (70, 75), (75, 80), (80, 85), (85, None))

BLOCK_INDICATORS = ("einwohner", "einw_u65", "sgb2", "sgb2_quote", "einw_u18")


# --- supply ----------------------------------------------------------------------------

@dataclass(frozen=True)
class ProviderSpec:
    """A provider (Träger) of the demo city."""

    name: str
    kind: str
    umbrella: str
    domain: str


FREE = "Freie Wohlfahrtspflege"
CITY = "Kommune"
CLUB = "Verein"
PROVIDERS: tuple[ProviderSpec, ...] = (
    ProviderSpec("AWO Kreisverband Musterstadt e.V.", FREE, "AWO", "awo-musterstadt.de"),
    ProviderSpec("Caritasverband für die Stadt Musterstadt e.V.", FREE, "Caritas",
                 "caritas-musterstadt.de"),
    ProviderSpec("Diakonisches Werk Musterstadt", FREE, "Diakonie", "diakonie-musterstadt.de"),
    ProviderSpec("DRK-Kreisverband Musterstadt e.V.", FREE, "DRK", "drk-musterstadt.de"),
    ProviderSpec("Jüdische Gemeinde Musterstadt – Sozialabteilung", FREE, "ZWST",
                 "jg-musterstadt.de"),
    ProviderSpec("Lebenshilfe Musterstadt e.V.", FREE, "Der Paritätische",
                 "lebenshilfe-musterstadt.de"),
    ProviderSpec("Deutscher Kinderschutzbund Ortsverband Musterstadt e.V.", FREE,
                 "Der Paritätische", "kinderschutzbund-musterstadt.de"),
    ProviderSpec("pro familia Musterstadt", FREE, "Der Paritätische", "profamilia-musterstadt.de"),
    ProviderSpec("Internationaler Bund – Standort Musterstadt", FREE, "Der Paritätische",
                 "ib-musterstadt.de"),
    ProviderSpec("Elterninitiative Kinderhaus Regenbogen e.V.", FREE, "Der Paritätische",
                 "kinderhaus-regenbogen.de"),
    ProviderSpec("Musterstädter Tafel e.V.", FREE, "Der Paritätische", "tafel-musterstadt.de"),
    ProviderSpec("Frauen helfen Frauen Musterstadt e.V.", FREE, "Der Paritätische",
                 "fhf-musterstadt.de"),
    ProviderSpec("Sozialdienst katholischer Frauen Musterstadt e.V.", FREE, "Caritas",
                 "skf-musterstadt.de"),
    ProviderSpec("Malteser Hilfsdienst Musterstadt", FREE, "Caritas", "malteser-musterstadt.de"),
    ProviderSpec("Katholische Kirchengemeinde St. Marien", FREE, "Caritas",
                 "st-marien-musterstadt.de"),
    ProviderSpec("Evangelische Jugendhilfe Musterstadt gGmbH", FREE, "Diakonie",
                 "ev-jugendhilfe-musterstadt.de"),
    ProviderSpec("Johanniter-Unfall-Hilfe Regionalverband Südniedersachsen", FREE, "Diakonie",
                 "johanniter-musterstadt.de"),
    ProviderSpec("Ev.-luth. Kirchengemeinde St. Johannis", FREE, "Diakonie",
                 "st-johannis-musterstadt.de"),
    ProviderSpec("AWO Kinder- und Jugendhilfe gGmbH", FREE, "AWO", "awo-kjh-musterstadt.de"),
    ProviderSpec("Stadt Musterstadt – Fachbereich Jugend", CITY, "Stadt Musterstadt",
                 "musterstadt.de"),
    ProviderSpec("Stadt Musterstadt – Fachbereich Soziales und Senioren", CITY,
                 "Stadt Musterstadt", "musterstadt.de"),
    ProviderSpec("Stadt Musterstadt – Städtische Kindertagesstätten", CITY, "Stadt Musterstadt",
                 "musterstadt.de"),
    ProviderSpec("Jobcenter Musterstadt", CITY, "Stadt Musterstadt", "jobcenter-musterstadt.de"),
    ProviderSpec("Mehrgenerationenhaus Musterstadt e.V.", CLUB, "", "mgh-musterstadt.de"),
    ProviderSpec("Bürgerverein Südstadt e.V.", CLUB, "", "buergerverein-suedstadt.de"),
    ProviderSpec("TuS Musterstadt 1880 e.V.", CLUB, "", "tus-musterstadt.de"),
    ProviderSpec("Interkultureller Verein Brücke e.V.", CLUB, "", "bruecke-musterstadt.de"),
    ProviderSpec("Seniorenbeirat und Nachbarschaftshilfe Musterstadt e.V.", CLUB, "",
                 "nachbarschaftshilfe-musterstadt.de"),
    ProviderSpec("Förderverein Stadtteilarbeit Am Hochfeld e.V.", CLUB, "", "hochfeld-ev.de"),
    ProviderSpec("Wohnungsbaugenossenschaft Musterstadt eG", CLUB, "", "wbg-musterstadt.de"),
)
UMBRELLAS = ("AWO", "Caritas", "Diakonie", "DRK", "Der Paritätische", "ZWST", "")
PROVIDER_FORMS = ("{stem} e.V.", "Förderverein {place} e.V.", "Jugendhilfe {place} gGmbH",
                  "Nachbarschaftshilfe {place} e.V.", "Kinderhaus {place} e.V.",
                  "Familienzentrum {place} gGmbH", "Sozialwerk {place} e.V.")


@dataclass(frozen=True)
class FacilityTypeSpec:
    """A kind of facility with its map symbol, the usual providers and target groups."""

    name: str
    category: str
    symbol: str
    color: str
    share: float  # of all facilities
    capacity: tuple[int, int] | None
    providers: tuple[str, ...]  # umbrella or kind keywords matched against the providers
    target_groups: tuple[str, ...]
    need_driven: bool = False  # placed where need is high (Stadtteilbüro, Tafel …)


TARGET_GROUPS = (
    "Kinder unter 6 Jahren", "Schulkinder", "Jugendliche", "Familien", "Alleinerziehende",
    "Seniorinnen und Senioren", "Menschen mit Migrationsgeschichte", "Menschen mit Behinderung",
    "Arbeitsuchende", "Menschen mit Schulden", "Wohnungslose", "Alle Bewohnerinnen und Bewohner",
)

FACILITY_TYPES: tuple[FacilityTypeSpec, ...] = (
    FacilityTypeSpec("Kindertagesstätte", "Kinder und Familie", "o", "#e6a23c", 0.36, (40, 125),
                     ("Stadt Musterstadt", "AWO", "Caritas", "Diakonie", "DRK", "Der Paritätische"),
                     ("Kinder unter 6 Jahren", "Familien")),
    FacilityTypeSpec("Familienzentrum", "Kinder und Familie", "s", "#d35400", 0.07, (20, 60),
                     ("AWO", "Caritas", "Diakonie", "Der Paritätische", "Stadt Musterstadt"),
                     ("Familien", "Alleinerziehende", "Kinder unter 6 Jahren"), True),
    FacilityTypeSpec("Jugendzentrum", "Jugend", "^", "#2e86c1", 0.08, (30, 90),
                     ("Stadt Musterstadt", "AWO", "Diakonie", "Verein"),
                     ("Jugendliche", "Schulkinder")),
    FacilityTypeSpec("Offene Ganztagsschule", "Bildung", "D", "#5dade2", 0.07, (50, 150),
                     ("AWO", "Caritas", "Der Paritätische", "Verein"), ("Schulkinder",)),
    FacilityTypeSpec("Seniorentreff", "Senioren", "v", "#7d3c98", 0.09, (20, 60),
                     ("Stadt Musterstadt", "AWO", "DRK", "Diakonie", "Verein"),
                     ("Seniorinnen und Senioren",)),
    FacilityTypeSpec("Allgemeine Sozialberatung", "Beratung", "P", "#1e8449", 0.07, None,
                     ("Caritas", "Diakonie", "AWO", "DRK", "ZWST"),
                     ("Alle Bewohnerinnen und Bewohner", "Arbeitsuchende"), True),
    FacilityTypeSpec("Erziehungsberatungsstelle", "Beratung", "P", "#27ae60", 0.03, None,
                     ("Caritas", "Diakonie", "Stadt Musterstadt", "Der Paritätische"),
                     ("Familien", "Alleinerziehende")),
    FacilityTypeSpec("Schuldnerberatung", "Beratung", "X", "#117a65", 0.025, None,
                     ("Caritas", "Diakonie", "AWO"), ("Menschen mit Schulden",), True),
    FacilityTypeSpec("Migrationsberatung", "Integration", "h", "#b9770e", 0.04, None,
                     ("Caritas", "Diakonie", "AWO", "DRK", "ZWST", "Der Paritätische"),
                     ("Menschen mit Migrationsgeschichte",), True),
    FacilityTypeSpec("Stadtteilbüro", "Quartier", "*", "#c0392b", 0.045, None,
                     ("Stadt Musterstadt", "AWO", "Diakonie", "Verein"),
                     ("Alle Bewohnerinnen und Bewohner",), True),
    FacilityTypeSpec("Mehrgenerationenhaus", "Quartier", "H", "#a04000", 0.02, (30, 100),
                     ("Verein", "Diakonie", "AWO"),
                     ("Alle Bewohnerinnen und Bewohner", "Seniorinnen und Senioren", "Familien")),
    FacilityTypeSpec("Tafel / Lebensmittelausgabe", "Existenzsicherung", "p", "#7b7d7d", 0.025,
                     None, ("Der Paritätische", "Caritas", "Diakonie"),
                     ("Alle Bewohnerinnen und Bewohner", "Arbeitsuchende"), True),
    FacilityTypeSpec("Frühe Hilfen / Familienhebammen", "Kinder und Familie", "d", "#f1948a",
                     0.03, None, ("Stadt Musterstadt", "Der Paritätische", "Caritas"),
                     ("Familien", "Kinder unter 6 Jahren"), True),
    FacilityTypeSpec("Wohnungslosenhilfe", "Existenzsicherung", "8", "#566573", 0.015, (10, 40),
                     ("Diakonie", "Caritas"), ("Wohnungslose",), True),
    FacilityTypeSpec("Inklusive Begegnungsstätte", "Teilhabe", "<", "#16a085", 0.025, (15, 40),
                     ("Der Paritätische", "Verein"), ("Menschen mit Behinderung",)),
)

FACILITY_NAMES = {
    "Kindertagesstätte": ("Kita {place}", "Kita Sonnenschein", "Kita Regenbogen",
                          "Kita Pusteblume", "Ev. Kita {saint}", "Kath. Kita {saint}",
                          "Kinderhaus {street}", "Kita Spatzennest", "Kita Wirbelwind"),
    "Familienzentrum": ("Familienzentrum {place}", "Familienzentrum am {street}"),
    "Jugendzentrum": ("Jugendzentrum {place}", "Jugendtreff {place}", "Haus der Jugend {place}"),
    "Offene Ganztagsschule": ("OGS Grundschule {place}", "Ganztag an der {saint}-Schule"),
    "Seniorentreff": ("Seniorentreff {place}", "Begegnungsstätte {place}",
                      "Seniorencafé {street}"),
}
SAINTS = ("St. Marien", "St. Johannis", "St. Martin", "St. Elisabeth", "Christus",
          "St. Michael", "Paul-Gerhardt", "Lukas", "St. Josef", "Matthäus")

RATERS = ("Sozialplanung (Frau Becker)", "Jugendamt (Herr Yilmaz)",
          "Stadtteilkoordination (Frau Nowak)")

APPLICATION_IDEAS = (
    ("Hausaufgabenhilfe und Lernpatenschaften", "Bildung"),
    ("Sprachcafé für Eltern", "Integration und Vielfalt"),
    ("Mobile Jugendarbeit", "Kinder, Jugend und Familie"),
    ("Seniorenmittagstisch", "Alter und Pflege"),
    ("Nachbarschaftsfest und Quartiersfrühstück", "Wohnen und Quartier"),
    ("Stadtteilmütter", "Integration und Vielfalt"),
    ("Schuldenprävention für junge Erwachsene", "Existenzsicherung und Armut"),
    ("Familienpatenschaften (Frühe Hilfen)", "Kinder, Jugend und Familie"),
    ("Bewegte Kindheit – Sport im Quartier", "Kinder, Jugend und Familie"),
    ("Digitale Sprechstunde für Ältere", "Alter und Pflege"),
    ("Ferienprogramm", "Kinder, Jugend und Familie"),
    ("Gemeinschaftsgarten", "Wohnen und Quartier"),
    ("Offene Sozialberatung vor Ort", "Existenzsicherung und Armut"),
    ("Bewerbungswerkstatt", "Arbeit und Beschäftigung"),
    ("Elterncafé in der Kita", "Kinder, Jugend und Familie"),
    ("Leseclub in der Stadtteilbibliothek", "Bildung"),
    ("Besuchsdienst gegen Einsamkeit", "Alter und Pflege"),
    ("Mädchentreff", "Kinder, Jugend und Familie"),
    ("Repair-Café", "Wohnen und Quartier"),
    ("Alleinerziehenden-Treff mit Kinderbetreuung", "Kinder, Jugend und Familie"),
    ("Integrationslotsen", "Integration und Vielfalt"),
    ("Quartiershausmeister", "Wohnen und Quartier"),
    ("Beschäftigungsprojekt Stadtteilwerkstatt", "Arbeit und Beschäftigung"),
    ("Gesund aufwachsen – Kochkurse für Familien", "Kinder, Jugend und Familie"),
    ("Sozialberatung für Ältere mit Grundsicherung", "Alter und Pflege"),
)

CRITERIA = (
    ("Sozialräumlicher Bedarf", "Bedarf der versorgten Quartiere laut Sozialindex "
     "(aus den Daten berechnet)", 3.0, "need"),
    ("Fachliche Qualität und Konzept", "Ziele, Methoden und Umsetzungsplanung sind schlüssig",
     2.0, None),
    ("Erreichung der Zielgruppe", "Zugang zu den Menschen, die das Angebot brauchen", 2.0, None),
    ("Vernetzung im Quartier", "Zusammenarbeit mit Einrichtungen und Akteuren vor Ort", 1.0, None),
    ("Wirtschaftlichkeit", "Angemessenes Verhältnis von Kosten und Wirkung", 1.0, None),
    ("Nachhaltigkeit und Verstetigung", "Perspektive über die Förderdauer hinaus", 1.0, None),
)

FIRST_NAMES = ("Anna", "Sabine", "Petra", "Claudia", "Julia", "Katrin", "Aylin", "Fatma",
               "Monika", "Jana", "Thomas", "Michael", "Andreas", "Stefan", "Markus", "Jens",
               "Mehmet", "Olaf", "Christian", "Dirk", "Irina", "Lena", "Tobias", "Sven")
SURNAMES = ("Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker",
            "Schulz", "Hoffmann", "Koch", "Richter", "Klein", "Wolf", "Schröder", "Neumann",
            "Schwarz", "Zimmermann", "Braun", "Krüger", "Hartmann", "Lange", "Yılmaz", "Kaya",
            "Nowak", "Kowalski", "Petrović", "Albrecht", "Vogel", "Friedrich")
