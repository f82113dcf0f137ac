"""The one vocabulary every part of SMM Architect speaks: industries, regions, channels, roles, finding classes.

Research emits these codes, the contract card proposes them, the planner and creative use them and the
Rego bundle keys its rules on them. The bundle reads this module as generated data
(``policies/smm/vocabulary/data.json``, written by ``python -m policies.vocabulary_data``); a test regenerates
it and fails on drift, so a code renamed here cannot silently stop matching a policy rule.

Industry terms are generic trade vocabulary (written from domain knowledge, in English plus a few words
of the other major European languages), matched on word boundaries: a term never counts inside another
word ("team" is not "tea", "content" is not "tent").
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from functools import cache

import pycountry

from core.contracts.campaign import POST_CHAR_LIMITS
from core.contracts.simulation import CHANNELS
from core.models import ROLES

VOCABULARY_VERSION = "1"


@dataclass(frozen=True)
class Industry:
    code: str
    label: str
    description: str  # one sentence, also embedded for similarity classification
    # Matched on word boundaries; a term written "~bier" also ends a compound ("Kellerbier", "Biere").
    terms: tuple[str, ...] = ()
    # schema.org business types (LocalBusiness and Organization subtypes, lower case) a site declares itself with in
    # its structured data: the site's own word for its trade, in any language; for software makers, the software
    # types they sell. Generic types (Organization, LocalBusiness, Store, SportsActivityLocation) name no industry
    # and are in no list.
    schema_types: tuple[str, ...] = ()
    # Health-cure claims are denied (not just warned about) in these industries.
    health_regulated: bool = False
    channels: tuple[str, ...] = field(default=())  # preferred publishable channels, best first


INDUSTRIES: tuple[Industry, ...] = (
    Industry(
        "food_beverage", "Food and beverage",
        "Producers and sellers of food and drink: coffee roasters, tea merchants, bakeries, grocers, snacks.",
        ("coffee", "espresso", "roastery", "roaster", "tea", "teas", "bakery", "baker", "grocery", "snack", "snacks",
         "chocolate", "recipe", "recipes", "beans", "flavour", "flavor", "organic food", "café", "cafe", "~kaffee",
         "rösterei", "~bäckerei", "boulangerie", "pâtisserie", "épicerie", "panadería", "pastelería",
         "chocolatier", "chocolaterie", "chocolat", "pralines", "confiserie", "chocolatería", "schokolade",
         "konditorei", "chocolade", "bakkerij",
         # Olive-oil producers and their mills, cheesemakers and beekeepers, in the vocabulary's languages.
         "olive oil", "olive oils", "extra virgin", "olio", "extravergine", "frantoio", "oleificio",
         "aceite de oliva", "almazara", "azeite", "huile d'olive", "olivenöl", "olijfolie",
         "cheesemonger", "fromagerie", "~käserei", "caseificio", "quesería", "queijaria", "kaasmakerij",
         "apiary", "beekeeper", "beekeepers", "~imkerei", "apicoltura", "apicultura", "apiculteur",
         # Polish: coffee and its roastery, tea, bakeries, confectioners, chocolate, olive oil, honey.
         "kawa", "kawy", "kawę", "palarnia", "palarnia kawy", "herbata", "herbaty", "piekarnia", "cukiernia",
         "czekolada", "oliwa", "miód", "pasieka",
         # Tea and coffee merchants abroad: German teas by kind ("Grüntee", "Kräutertee"; not "tee" alone, an
         # English golf or T-shirt word), loose tea, delicatessen; French, Spanish, Italian, Portuguese, Dutch and
         # Nordic tea and coffee. Not the roasteries a café or a coworking space buys from ("torrefação").
         "grüntee", "schwarztee", "kräutertee", "früchtetee", "weißtee", "eistee", "teesorte", "teesorten",
         "teeladen", "teehaus", "teehandel", "loser tee", "losen tee", "losem tee", "feinkost", "lebensmittel",
         "thé", "thés", "té", "tés", "tè", "caffè", "chá", "chás", "thee", "theeën", "koffie", "kaffe", "bageri",
         # Czech and Norwegian: coffee, its roastery, tea and loose tea, bakeries, confectioners, chocolate.
         "káva", "kávy", "kávu", "pražírna", "čaj", "čaje", "čajů", "sypaný čaj", "sypané čaje", "pekárna",
         "cukrárna", "čokoláda", "kaffebrenneri", "bakeri", "konditori", "sjokolade",
         # Finnish: coffee, its roastery, bakeries, chocolate.
         "kahvi", "kahvia", "paahtimo", "kahvipaahtimo", "leipomo", "suklaa"),
        schema_types=("bakery", "grocerystore", "conveniencestore", "liquorstore"),
        health_regulated=True, channels=("instagram", "facebook"),
    ),
    Industry(
        "alcoholic_beverages", "Alcoholic beverages",
        "Breweries, wineries, distilleries and shops selling beer, wine, cider and spirits.",
        ("brewery", "beer", "ale", "lager", "wine", "winery", "vineyard", "distillery", "gin", "whisky", "whiskey",
         "spirits", "cider", "cerveza", "vino", "~bier", "~brauerei", "~wein", "weingut", "bière",
         "bières", "vin", "vins", "vignoble", "distillerie",
         "cervecería", "cervezas", "sidra", "cidre", "vodka", "rum", "tequila", "mezcal", "brandy", "cognac",
         "liqueur", "bourbon", "vermouth", "destilería", "destilado", "licor", "bier", "wijn", "brouwerij",
         "stokerij", "jenever",
         # Wine, vineyards and the harvest in Portuguese, Spanish, Italian and Dutch ("vinhos do Douro", "vindima").
         "vinho", "vinhos", "vinha", "vinhas", "vinhedo", "adega", "vindima", "enoturismo", "vinos", "viñedo",
         "viñedos", "vendimia", "vini", "vigneto", "vigneti", "vendemmia", "birra", "birre", "birrificio",
         "distilleria", "grappa", "wijnen", "wijngaard", "wijnhuis",
         # Cider makers' words: a cider farm's orchard tours must not outweigh what it makes.
         "perry", "cidery", "cideries", "cidrerie", "sidrería", "apfelwein", "abv",
         # Age checks and responsible-drinking notes name the product too.
         "alcohol", "alcool", "alkohol", "álcool",
         # Polish: beer and breweries, wine and vineyards, distilleries, vodka, cider, liqueurs.
         "piwo", "piwa", "browar", "browaru", "wino", "wina", "winnica", "winnicy", "destylarnia", "wódka", "cydr",
         "nalewki",
         # Czech and Norwegian: beer, breweries, wine, vineyards, distilleries and spirits.
         "pivo", "piva", "pivovar", "víno", "vína", "vinařství", "vinice", "pálenice", "slivovice", "øl", "bryggeri",
         "vingård", "brennevin", "akevitt",
         # Finnish: beer, breweries, wine, wineries.
         "olut", "oluet", "panimo", "viini", "viinit", "viinitila"),
        schema_types=("winery", "brewery", "distillery"),
        channels=("instagram", "facebook"),
    ),
    Industry(
        "restaurants_hospitality", "Restaurants and hospitality",
        "Restaurants, bars, cafés, hotels and caterers that serve meals, take bookings and host guests.",
        ("restaurant", "restaurants", "menu", "menus", "dinner", "lunch", "chef", "dishes", "tapas", "bistro",
         "reservation", "reservations", "booking a table", "hotel", "catering", "guests", "cuisine",
         # Not "cocina": a kitchen as often as a cuisine (a homeware shop's "Cocina" collection), like "kitchen".
         "restaurante", "carta", "reservas", "platos", "menú", "comida", "gaststätte", "speisekarte",
         # Supper in Spanish and Italian, with a word that makes it a meal: a bare "cena" is a price in Polish and
         # Czech ("Cena od 690 zł").
         "cenas", "la cena", "una cena", "a cena", "per cena", "cena de", "cena di", "le cene",
         "hôtel", "chambres", "nuitée", "petit-déjeuner", "hébergement", "gasthof", "gasthaus", "übernachtung",
         "frühstück", "habitaciones", "alojamiento",
         # Kinds of place to stay and eat in other languages ("agriturismo", "guesthouse"). Not rooms or breakfast
         # alone: a surf camp or a wine estate with a few rooms is not a hotel.
         "agriturismo", "pernottamento", "ristorante", "bed and breakfast", "guesthouse", "pousada",
         # Kinds of eating house and their menus in the other languages ("bar de pintxos", "osteria", "petiscos").
         "pintxos", "pinchos", "raciones", "taberna", "tasca", "trattoria", "osteria", "brasserie", "bistrot",
         "petiscos", "tasting menu", "menú degustación", "menu dégustation", "menu degustazione", "degustatiemenu",
         # Polish: restaurants, lunch and supper, bookings, rooms and breakfast, guesthouses and inns.
         "restauracja", "restauracji", "obiad", "obiady", "kolacja", "kolacje", "rezerwacja", "rezerwacje", "nocleg",
         "noclegi", "śniadanie", "pensjonat", "karczma",
         # Czech and Norwegian: restaurants, the menu, lunch and supper, a guesthouse, a stay, breakfast, a café.
         "restaurace", "jídelní lístek", "oběd", "večeře", "penzion", "ubytování", "snídaně", "kavárna", "hospoda",
         "meny", "middag", "lunsj", "bordbestilling", "overnatting", "frokost",
         # Finnish: restaurants, lunch, dinner, a stay.
         "ravintola", "lounas", "illallinen", "majoitus", "aamiainen"),
        schema_types=("restaurant", "foodestablishment", "cafeorcoffeeshop", "barorpub", "fastfoodrestaurant",
                      "icecreamshop", "lodgingbusiness", "hotel", "motel", "hostel", "bedandbreakfast", "resort",
                      "campground"),
        channels=("instagram", "facebook"),
    ),
    Industry(
        "software_saas", "Software and SaaS",
        "Companies selling software, apps or online platforms by subscription, with integrations and APIs.",
        ("~software", "saas", "platform", "api", "integrations", "integration", "dashboard", "workflow",
         "automation", "per user", "cloud", "app", "sso", "soc 2", "logiciel", "plateforme", "plataforma",
         # What a product site says about its software: a trial, features, the phone apps, syncing, templates.
         "free trial", "features", "ios", "android", "mobile app", "sync", "syncs", "templates", "onboarding",
         "kostenlos testen", "essai gratuit", "prueba gratuita", "prova gratuita", "gratis proberen",
         # Software sold to a trade uses the trade's words: what marks it as software is the apps, the add-ons
         # and the reports it sells.
         "iphone", "ipad", "add-on", "add-ons", "reporting", "booking app", "booking software",
         "scheduling software",
         # Features, dashboards and integrations in the other languages.
         "fonctionnalités", "tableau de bord", "intégrations", "funcionalidades", "panel de control",
         "integraciones", "funzionalità", "integrazioni", "integrações", "schnittstellen", "functionaliteiten",
         "koppelingen",
         # German: a trade's software named as one word ("Praxissoftware", above), its features, the browser.
         "funktionen", "im browser",
         # Polish: software, the app, the platform, integrations, features, a trial.
         "oprogramowanie", "aplikacja", "aplikacji", "platforma", "integracje", "funkcje", "okres próbny",
         "wersja próbna",
         # Czech and Norwegian: the app, integrations, features, a trial.
         "aplikace", "integrace", "zkušební verze", "programvare", "integrasjoner", "funksjoner", "prøveperiode",
         # Finnish: software, the app, a trial.
         "ohjelmisto", "sovellus", "kokeilujakso"),
        # The software a site sells, as its structured data types it (see agents/research/structured.py).
        schema_types=("softwareapplication", "webapplication", "mobileapplication"),
        channels=("linkedin", "x"),
    ),
    Industry(
        "financial_services", "Financial services",
        "Banks, lenders, payment providers, investment, insurance and financial planning: services handling money.",
        ("bank", "banking", "payments", "loan", "loans", "lending", "mortgage", "invest", "investment",
         "investing", "insurance", "credit", "fintech", "interest rate", "savings account", "pension",
         "financial planning", "financial planner", "financial adviser", "financial advisor", "retirement annuity",
         "finanzberatung", "versicherung", "banque", "assurance", "banco", "seguros",
         "hypotheek", "hypotheken", "pensioen", "geldverstrekker", "verzekering", "hypothek", "altersvorsorge",
         "hipoteca", "hipotecas", "crédito", "financiamento", "previdência", "crédit immobilier", "mutuo", "mutui",
         "assicurazione", "previdenza",
         # Polish: credit and mortgages, loans, insurance, banks, a credit broker.
         "kredyt", "kredyty", "kredytu", "kredytów", "kredyt hipoteczny", "kredytu hipotecznego", "pożyczka",
         "pożyczki", "ubezpieczenie", "ubezpieczenia", "bank", "banku", "pośrednik kredytowy", "doradca kredytowy",
         # Czech and Norwegian: banks, credit and mortgages, insurance, investing, pensions, financial advice.
         "banka", "úvěr", "úvěry", "hypotéka", "hypotéky", "pojištění", "investice", "investování",
         "finanční poradce", "finanční plánování", "lån", "boliglån", "forsikring", "investering", "pensjon",
         "finansiell rådgivning",
         # Finnish: banks, loans, insurance, investing.
         "pankki", "laina", "asuntolaina", "vakuutus", "sijoittaminen"),
        schema_types=("financialservice", "bankorcreditunion", "insuranceagency"),
        channels=("linkedin", "x", "facebook"),
    ),
    Industry(
        "retail_ecommerce", "Retail and e-commerce",
        "General shops and online stores selling a broad range of consumer goods with delivery and returns.",
        ("ecommerce", "e-commerce", "online store", "online shop", "marketplace", "department store", "retailer",
         "homeware", "gifts", "checkout", "web shop", "webshop", "add to cart", "free shipping", "winkelwagen",
         "bezorging", "verzendkosten", "onlineshop", "warenkorb", "tienda online", "envío gratis", "panier",
         "boutique en ligne",
         # Bookshops, and a shop's words in Italian and Portuguese.
         "bookshop", "bookshops", "bookstore", "bookseller", "booksellers", "buchhandlung",
         "librairie", "librería", "libreria", "boekhandel", "livraria", "negozio online", "aggiungi al carrello",
         "spedizione gratuita", "loja online", "adicionar ao carrinho", "portes grátis",
         # Tableware, a cart and free delivery in the other languages, as "homeware", "add to cart" and "free
         # shipping" above. Not a shop's chrome alone ("Carrito", "Envíos" on every page of a skincare label's shop)
         # nor gifts ("bons cadeaux" at a pottery workshop): any trade's web shop has those.
         "vajilla", "vaisselle", "geschirr", "servies", "stoviglie", "louça", "añadir al carrito",
         "agregar al carro", "livraison offerte", "versandkostenfrei",
         # Polish: an online shop, delivery and free delivery, the cart, returns, a bookshop.
         "sklep internetowy", "darmowa dostawa", "koszyk", "dodaj do koszyka", "księgarnia",
         # Danish, Swedish and Norwegian: the basket, adding to it, free delivery, an online shop, a furniture shop.
         "kurv", "læg i kurv", "varukorg", "varukorgen", "handlekurv", "fri fragt", "fri frakt", "netbutik",
         "webbutik", "nettbutikk", "møbelbutik", "möbelaffär",
         # An e-shop, and Czech and Norwegian online shops: the cart, adding to it, free delivery, returns of goods.
         "e-shop", "e-shopu", "e-shopem", "eshop", "internetový obchod", "košík", "do košíku", "vložit do košíku",
         "doprava zdarma", "vrácení zboží", "legg i handlekurven", "gratis frakt",
         # Finnish: an online shop, the cart, free delivery.
         "verkkokauppa", "ostoskori", "ilmainen toimitus"),
        schema_types=("bookstore", "homegoodsstore", "furniturestore", "electronicsstore", "hardwarestore",
                      "gardenstore", "departmentstore", "giftshop", "onlinestore", "toystore", "petstore"),
        channels=("instagram", "facebook"),
    ),
    Industry(
        "fashion_apparel", "Fashion and apparel",
        "Clothing, shoes and accessories brands and boutiques.",
        ("fashion", "apparel", "clothing", "garments", "dresses", "shirts", "jeans", "footwear", "shoes",
         "boutique", "knitwear", "ropa", "moda", "kleidung",
         "clothes", "wardrobe", "trousers", "skirts", "jackets", "coats", "vêtements", "prêt-à-porter", "vestidos",
         "prendas", "pantalones", "roupa", "vestuário", "calças", "saias", "kleding", "jurken", "broeken",
         "abbigliamento", "vestiti", "camicie", "bekleidung", "kleider", "~hemd",
         # Accessories, leather goods and tailoring: the description's "accessories" in the six languages.
         "leather goods", "handbags", "scarves", "tailoring", "pelletteria", "maglieria", "sciarpe",
         "cinture", "sartoria", "giacche", "maroquinerie", "écharpes", "marroquinería", "bolsos", "lederwaren",
         "handtaschen", "schneiderei", "marroquinaria",
         # Suits, shirts and blouses made to measure, as shirtmakers and tailors name their trade in each language
         # (German compounds: "Maßhemd", "Konfektionshemden"; not "~anzug", which a wetsuit "Neoprenanzug" ends in).
         "anzug", "anzüge", "maßanzug", "maßanzüge", "sakko", "sakkos", "blusen", "krawatten", "menswear",
         "womenswear", "blouses", "tuxedo", "tuxedos", "chemises", "chemiserie", "camisería", "camisaria",
         "camiceria", "sastrería", "alfaiataria", "overhemden", "maatpak", "maatpakken", "kleermaker",
         "kleermakerij",
         # Polish: clothing, dresses, shirts, trousers, shoes, fashion, jackets.
         "odzież", "ubrania", "sukienki", "koszule", "spodnie", "obuwie", "moda", "kurtki", "płaszcze",
         # Swedish and Danish: clothes, garments, sweaters, cardigans, knitwear, rainwear, dresses, trousers.
         "kläder", "plagg", "tröjor", "koftor", "stickat", "stickade", "regnkläder", "klänningar", "byxor",
         "tøj", "beklædning", "trøjer", "strik", "striktøj", "regntøj", "kjoler", "bukser",
         # Czech and Norwegian: clothes, fashion, dresses, shirts, trousers, sweaters, jackets.
         "oblečení", "móda", "šaty", "košile", "kalhoty", "svetry", "bundy", "klær", "gensere", "strikk", "regnklær",
         "jakker",
         # Finnish: clothes, fashion.
         "vaatteet", "muoti"),
        schema_types=("clothingstore", "shoestore", "jewelrystore"),
        channels=("instagram", "facebook"),
    ),
    Industry(
        "beauty_personal_care", "Beauty and personal care",
        "Skincare, cosmetics, haircare and grooming products, and the salons, hairdressers and barbers that use them.",
        ("skincare", "skin care", "serum", "moisturiser", "moisturizer", "cleanser", "cosmetics", "makeup",
         "haircare", "shampoo", "fragrance", "salon", "beauty", "complexion", "cosmética", "belleza", "kosmetik",
         "hautpflege", "cosmétiques", "beauté",
         # Hair, beard and nails, and who does them, in the seven languages.
         "barber", "barbers", "barbershop", "barber shop", "hairdresser", "hairdressers", "hairdressing", "haircut",
         "haircuts", "hair salon", "shave", "beard", "beards", "nail salon", "manicure", "pedicure", "facials",
         "barbería", "barbero", "barberos", "peluquería", "peluquero", "corte de pelo", "afeitado", "barba",
         "friseur", "~friseur", "friseursalon", "haarschnitt", "rasur", "barbier", "coiffeur", "coiffeuse",
         "barbiere", "parrucchiere", "kapper", "kapsalon", "barbearia", "cabeleireiro", "cabeleireira",
         # Polish: cosmetics, skin care, a beauty salon, hairdressers, make-up.
         "kosmetyki", "pielęgnacja", "salon kosmetyczny", "fryzjer", "fryzjerski", "kosmetyczka", "makijaż",
         # Czech and Norwegian: cosmetics, skin care, hairdressers, barbers, nails.
         "kosmetika", "péče o pleť", "kadeřnictví", "kadeřník", "holičství", "manikúra", "hudpleie", "sminke",
         "frisør", "frisørsalong", "barberer",
         # Finnish: cosmetics, hairdressers, barbers.
         "kosmetiikka", "kampaamo", "parturi"),
        schema_types=("beautysalon", "hairsalon", "nailsalon", "healthandbeautybusiness", "tattooparlor"),
        health_regulated=True, channels=("instagram", "facebook"),
    ),
    Industry(
        "health_wellness", "Health and wellness",
        "Fitness, yoga, nutrition, supplements and wellbeing products and studios.",
        ("wellness", "wellbeing", "well-being", "yoga", "pilates", "fitness", "gym", "supplements", "vitamins",
         "nutrition", "meditation", "mindfulness", "massage", "breathwork", "stretching", "mobility", "posture",
         "workout", "workouts", "exercise", "exercises", "personal trainer", "personal training", "reformer",
         "barre", "retreat", "retreats", "holistic", "sauna", "protein", "nutritionist", "asana", "vinyasa",
         "benessere", "palestra", "bienestar", "gimnasio", "fitnessstudio", "salle de sport", "sportschool",
         # The same practices in the other languages (a Lyon studio's "méditation" and "bien-être").
         "bien-être", "méditation", "respiration consciente", "étirements", "meditación", "atención plena",
         "estiramientos", "meditação", "atenção plena", "alongamentos", "bem-estar", "meditazione",
         "consapevolezza", "wohlbefinden", "achtsamkeit", "entspannung", "welzijn", "meditatie", "ontspanning",
         "hatha", "ashtanga",
         # Polish: yoga, the gym, massage, meditation, supplements, training.
         "joga", "jogi", "siłownia", "masaż", "medytacja", "suplementy", "trening", "treningi",
         # Czech and Norwegian: yoga, massage, the sauna, meditation, training.
         "jóga", "jógy", "jógu", "masáž", "masáže", "meditace", "cvičení", "posilovna", "badstue", "massasje",
         "meditasjon", "treningssenter",
         # Finnish: yoga, massage, the gym.
         "jooga", "joogaa", "hieronta", "kuntosali"),
        schema_types=("healthclub", "exercisegym"),
        health_regulated=True, channels=("instagram", "facebook"),
    ),
    Industry(
        "healthcare", "Healthcare",
        "Clinics and practitioners giving medical, dental or therapy care to patients.",
        ("patients", "patient", "clinic", "clinics", "medical", "doctor", "doctors", "dentist", "dental",
         "dentistry", "hygienist", "therapy", "therapist", "physiotherapy", "treatment", "treatments", "nurse",
         "orthodontic", "surgery", "clínica", "paciente", "pacientes", "praxis", "veterinary", "vet", "vets",
         "~arztpraxis", "~zahnarzt", "tierarzt", "patienten", "behandlung",
         "vétérinaire", "veterinario", "médecin", "dentiste", "clinique",
         "physiotherapie", "physiotherapeut", "physiotherapeutin", "fysiotherapie", "fysiotherapeut", "patiënten",
         "tandarts", "huisarts", "kinésithérapie", "kinésithérapeute", "fisioterapia", "fisioterapeuta", "médico",
         "dentista", "pazienti",
         # Vaccines and vaccination in the seven languages: a travel-medicine or vaccination clinic's trade.
         "vaccine", "vaccines", "vaccination", "vaccinations", "immunization", "immunizations", "immunisation",
         "immunisations", "vacuna", "vacunas", "vacunación", "vaccin", "vaccins", "impfung", "impfungen", "impfstoff",
         "vaccino", "vaccini", "vaccinazione", "vacina", "vacinas", "vacinação", "vaccinatie", "vaccinaties",
         # Polish: patients, clinics, practices, doctors, dentists, physiotherapy, treatment, vaccination.
         "pacjent", "pacjenci", "pacjentów", "klinika", "przychodnia", "gabinet", "lekarz", "lekarze", "stomatolog",
         "dentysta", "fizjoterapia", "fizjoterapeuta", "leczenie", "szczepienia", "szczepienie", "szczepionka",
         "weterynarz",
         # Czech and Norwegian: patients, surgeries, doctors, dentists, physiotherapy, treatment, vaccination, vets.
         "pacient", "pacienti", "pacientů", "ordinace", "lékař", "lékaři", "zubař", "stomatologie", "fyzioterapie",
         "fyzioterapeut", "léčba", "očkování", "veterinář", "pasient", "pasienter", "klinikk", "lege", "tannlege",
         "fysioterapi", "fysioterapeut", "vaksine", "vaksinering", "veterinær",
         # Finnish: patients, doctors, dentists, physiotherapy.
         "potilas", "potilaat", "lääkäri", "hammaslääkäri", "fysioterapia", "vastaanotto"),
        schema_types=("medicalbusiness", "medicalclinic", "medicalorganization", "physician", "dentist",
                      "optician", "hospital", "pharmacy", "veterinarycare", "diagnosticlab"),
        health_regulated=True, channels=("facebook", "instagram"),
    ),
    Industry(
        "sports_outdoor", "Sports and outdoor",
        "Shops and makers of bicycles, sports equipment and outdoor gear for cycling, hiking and camping, and the "
        "schools of a sport (surf, ski, climbing lessons).",
        ("bike", "bikes", "bicycle", "bicycles", "cycling", "cyclists", "hiking", "hikers", "camping", "tent",
         "tents", "backpacking", "climbing", "running", "outdoor", "outdoors", "ski", "surf", "kayak", "gear",
         "mountain bike", "gravel", "sportswear",
         # Surfing and its boards in the vocabulary's languages ("surfistas", "prancha", "funboard").
         "surfing", "surfer", "surfers", "surfista", "surfistas", "surfear", "surfboard", "surfboards",
         "tabla de surf", "tablas de surf", "prancha", "pranchas", "longboard", "funboard", "wetsuit", "wetsuits",
         "neopreno", "fahrrad", "fahrräder", "vélo", "vélos", "bicicleta", "bicicletas",
         "randonnée", "e-bike", "e-bikes", "fahrrädern", "fahrradwerkstatt", "radwerkstatt", "lastenrad",
         "lastenräder", "radfahrer", "radfahren", "fiets", "fietsen", "fietsenwinkel", "bici", "bicicletta",
         "biciclette", "ciclismo", "cyclisme", "cyclistes",
         # Polish: bicycles, cycling, climbing, skis, tents.
         "rower", "rowery", "rowerowy", "kolarstwo", "wspinaczka", "narty", "namiot", "namioty",
         # Czech and Norwegian: bicycles and cycling, skis and skiing, climbing, tents, the outdoors.
         "jízdní kola", "cyklistika", "lyže", "lyžování", "horolezectví", "sykkel", "sykler", "sykling", "skiutleie",
         "klatring", "telt", "friluftsliv",
         # Finnish: bicycles, cycling, skiing, skis.
         "polkupyörä", "pyöräily", "hiihto", "sukset"),
        schema_types=("sportinggoodsstore", "bikestore"),
        channels=("instagram", "facebook"),
    ),
    Industry(
        "legal_services", "Legal services",
        "Law firms, solicitors and attorneys advising on property, wills, disputes and business law.",
        ("solicitor", "solicitors", "lawyer", "lawyers", "attorney", "attorneys", "law firm", "legal advice",
         "conveyancing", "probate", "litigation", "barrister", "notary", "legal", "abogado", "abogados",
         "rechtsanwalt", "kanzlei", "~anwalt", "avocat", "avocats", "notaire", "notario",
         # Portuguese, Italian, Dutch, and more of the Romance languages' words for lawyers and their firms.
         "advogado", "advogados", "advogada", "advogadas", "advocacia", "jurídico", "jurídica", "avvocato", "avvocati",
         "avvocata", "studio legale", "advocaat", "advocaten", "advocatenkantoor", "notaris", "bufete",
         "despacho de abogados", "abogada", "abogadas", "cabinet d'avocats", "juriste", "rechtsanwälte", "notar",
         # Polish: advocates, law offices, legal counsel, lawyers, notaries, legal advice.
         "adwokat", "adwokaci", "kancelaria", "kancelaria prawna", "radca prawny", "radcy prawni", "prawnik",
         "prawnicy", "notariusz", "porada prawna",
         # Czech and Norwegian: lawyers, law firms, legal advice, notaries.
         "advokát", "advokáti", "advokátní kancelář", "právník", "právní poradenství", "notář", "advokat",
         "advokater", "advokatfirma", "advokatkontor", "juridisk",
         # Finnish: lawyers, law firms.
         "asianajaja", "asianajotoimisto", "lakimies", "lakitoimisto"),
        schema_types=("legalservice", "attorney", "notary"),
        channels=("linkedin", "facebook"),
    ),
    Industry(
        "professional_services", "Professional services",
        "Agencies, consultancies and service firms selling expertise or care: marketing, design, accounting, "
        "recruitment, consulting, photography, pet care and dog training.",
        ("agency", "consultancy", "consulting", "consultants", "marketing agency", "design studio", "branding",
         "dog daycare", "doggy daycare", "dog grooming", "groomer", "groomers", "dog training", "dog trainer",
         "dog walking", "dog walker", "pet sitting", "pet sitter", "kennels", "boarding kennels", "cattery",
         "hondenopvang", "hondentrimsalon", "hundepension", "hundeschule", "toilettage", "peluquería canina",
         "recruitment", "accountants", "accountancy", "bookkeeping", "advisory", "clients", "accountant",
         "accounting firm", "payroll", "fiduciary", "treuhand", "treuhänder", "treuhandbüro", "steuerberater",
         "steuerberatung", "buchhaltung", "fiduciaire", "expert-comptable", "comptabilité", "gestoría",
         "boekhouder", "accountantskantoor", "administratiekantoor",
         # IT support for businesses.
         "managed it", "it support", "managed services", "help desk", "helpdesk", "it services", "msp",
         "it-dienstleister", "it-service", "assistenza informatica", "soporte informático", "support informatique",
         "infogérance", "it-beheer",
         # Photographers and videographers.
         "photographer", "photographers", "photography", "videographer", "photographe", "photographie",
         "fotograf", "fotografie", "fotógrafo", "fotografía", "fotografia", "fotografo", "fotograaf",
         # Polish: agencies, consulting, accounting offices and bookkeeping, recruitment.
         "agencja", "doradztwo", "biuro rachunkowe", "księgowość", "rekrutacja",
         # Czech and Norwegian: agencies, accounting, consulting, recruitment.
         "agentura", "účetnictví", "poradenství", "nábor", "byrå", "regnskap", "regnskapsfører", "rådgivning",
         "rekruttering",
         # Finnish: accounting, bookkeeping, consulting.
         "tilitoimisto", "kirjanpito", "konsultointi"),
        schema_types=("professionalservice", "accountingservice", "employmentagency"),
        channels=("linkedin", "x"),
    ),
    Industry(
        "education", "Education",
        "Schools, tutors, online courses and language classes that teach students.",
        ("school", "schools", "course", "courses", "classes", "lessons", "lesson", "tutor", "tutors", "tutoring",
         "teacher", "teachers", "students", "learners", "curriculum", "exam", "exams", "academy", "learning",
         "escuela", "curso", "cursos", "clases", "schule", "kurs", "~schule", "école", "cours", "formation",
         "cooking class", "cooking classes", "cooking school", "cours de cuisine", "atelier de cuisine",
         "ateliers de cuisine", "clases de cocina", "~kochkurs", "kookcursus", "kookles", "corso di cucina",
         "corsi di cucina", "aulas de culinária",
         # The English words' equivalents: students, teachers and lessons in the languages the sites write in.
         "élèves", "étudiants", "professeurs", "leçons", "estudiantes", "alumnos", "profesores", "schüler", "lehrer",
         "studenti", "insegnanti", "lezioni", "leerlingen", "docenten", "alunos", "professores",
         # Polish: schools, courses, classes, lessons, teachers, pupils, exams, tutoring.
         "szkoła", "szkoły", "kurs", "kursy", "zajęcia", "lekcje", "nauczyciel", "nauczyciele", "uczniowie",
         "kursanci", "egzamin", "korepetycje", "szkoła językowa",
         # Czech and Norwegian: schools, lessons and teaching, students and pupils, tutoring, language courses.
         "škola", "lekce", "výuka", "studenti", "žáci", "doučování", "jazyková škola", "skole", "undervisning",
         "elever", "leksehjelp", "språkkurs",
         # Finnish: schools, lessons, teaching, pupils, teachers, courses and terms ("musiikkikoulu", "oppitunti",
         # "lukukausi").
         "~koulu", "opetus", "opetusta", "oppitunti", "oppitunnit", "oppilaat", "oppilaita", "opettaja", "opettajat",
         "~kurssi", "lukukausi", "lukukausimaksu"),
        schema_types=("educationalorganization", "school", "collegeoruniversity", "preschool", "elementaryschool",
                      "middleschool", "highschool"),
        channels=("instagram", "facebook", "linkedin"),
    ),
    Industry(
        "nonprofit", "Non-profit",
        "Charities, community groups and foundations funded by donations, members and volunteers.",
        ("charity", "charitable", "nonprofit", "non-profit", "not-for-profit", "donate", "donation", "donations",
         "volunteer", "volunteers", "volunteering", "community", "trustees", "fundraising", "foundation",
         "registered charity", "ong", "voluntarios", "spenden", "bénévoles", "verein", "stiftung", "ehrenamtlich",
         "asociación civil", "sin fines de lucro", "donaciones", "voluntariado", "associação", "doações",
         "voluntários", "vrijwilligers", "stichting", "goede doel", "onlus", "volontari", "volontariato",
         "donazioni", "bénévolat", "gemeinnützig",
         # Animal shelters and rescues, which adopt out rather than sell ("adoption fee", "Tierheim", "refugio").
         "shelter", "rescue", "adoption", "adoptions", "tierheim", "refugio",
         "protectora", "dierenasiel", "canile", "gattile",
         # Polish: foundations, associations, donations, volunteers, shelters, adoption.
         "fundacja", "stowarzyszenie", "darowizna", "darowizny", "wolontariusze", "wolontariat", "schronisko",
         "adopcja",
         # Czech and Norwegian: non-profits, volunteers, donations, fundraising, foundations.
         "nezisková organizace", "dobrovolníci", "darujte", "sbírka", "nadace", "frivillige", "innsamling",
         "ideell organisasjon", "stiftelse",
         # Finnish: volunteers, donations, associations.
         "vapaaehtoiset", "lahjoitus", "lahjoita", "yhdistys"),
        schema_types=("ngo",),
        channels=("facebook", "instagram", "linkedin"),
    ),
    Industry(
        "industrial_manufacturing", "Industrial manufacturing",
        "Manufacturers of industrial equipment, machinery, components and enclosures sold to businesses.",
        ("manufacturer", "manufacturing", "industrial", "machinery", "components", "factory", "fabrication",
         "oem", "datasheet", "specifications", "stainless steel", "aluminium", "ip rating", "certified to",
         "enclosures", "engineering", "distributors", "hersteller", "fertigung", "usine", "fabricant", "maschinenbau",
         "fábrica", "fabricante",
         # Stainless steel, works, machines and production in the other languages; a maker's spec sheets.
         "acciaio inox", "inox", "acier inoxydable", "edelstahl", "roestvrij staal", "aço inoxidável", "produttore",
         "produzione", "costruttore", "stabilimento", "macchinari", "scheda tecnica", "schede tecniche",
         "fabrikant", "fabriek", "productie", "produktion", "fabricación", "fabricação", "maquinaria", "industriale",
         "industriel", "industrielle", "industriales", "industrial-grade",
         # The shop floor in North American English too ("aluminum", "welded seams", "our fabricators").
         "aluminum", "welded", "welding", "welds", "welder", "welders", "fabricators", "fabricated", "sheet metal",
         "spec sheet", "spec sheets", "machined", "powder-coated", "galvanized", "galvanised",
         # Polish: a manufacturer, production, machines, stainless steel, machining, welding.
         "producent", "produkcja", "maszyny", "stal nierdzewna", "obróbka", "spawanie",
         # Czech and Norwegian: manufacturing, manufacturers, engineering, industry.
         "výroba", "výrobce", "strojírenství", "průmysl", "produksjon", "produsent", "industri",
         # Finnish: manufacturing, factories, industry.
         "valmistus", "tehdas", "teollisuus"),
        channels=("linkedin", "x"),
    ),
    Industry(
        "travel_tourism", "Travel and tourism",
        "Tour operators, travel agents, holiday lets, campervan hire and attractions for travellers and tourists.",
        ("travel", "tours", "tour", "holiday", "holidays", "vacation", "itinerary", "travellers", "travelers",
         "tourists", "excursion", "excursions", "flights", "viajes", "reisen", "voyage", "voyages", "séjour",
         "séjours", "urlaub", "trip", "trips", "day trip", "guided", "sightseeing", "destination", "destinations",
         "cruise", "cruises", "expedition", "expeditions", "getaway", "wildlife", "escursione", "escursioni",
         "viaggio", "viaggi", "reis", "reizen", "excursie", "rondleiding", "excursión", "excursiones",
         "campervan", "campervans", "motorhome", "motorhomes", "road trip", "road trips", "wohnmobil", "camping-car",
         "autocaravana", "autocaravanas", "camper",
         # Outfitters' and tour operators' words in the other languages.
         "expédition", "expéditions", "excursions guidées", "visite guidée", "visites guidées", "pourvoirie",
         "circuit", "circuits", "tourisme", "touristes", "turismo", "turistas", "viagem", "viagens", "passeio",
         "passeios", "visita guiada", "visitas guiadas", "visita guidata", "visite guidate", "tourismus", "touristen",
         "reiseveranstalter", "toerisme", "toeristen", "guided tour", "guided tours",
         # Polish: trips, travel, a travel agency, holidays, sightseeing, tourists, expeditions.
         "wycieczki", "wycieczka", "podróże", "biuro podróży", "wakacje", "zwiedzanie", "turyści", "wyprawy",
         # Czech and Norwegian: tours and trips, travel agencies, guides, excursions.
         "zájezd", "zájezdy", "cestovní kancelář", "výlet", "výlety", "průvodce", "reisebyrå", "guidet tur",
         "utflukt", "utflukter",
         # Finnish: trips, tours, excursions.
         "matka", "matkat", "retki", "retket", "matkatoimisto"),
        schema_types=("travelagency", "touristinformationcenter"),
        channels=("instagram", "facebook"),
    ),
    Industry(
        "real_estate", "Real estate",
        "Estate agents, letting agents, property developers and coworking spaces selling or renting homes, offices "
        "and desks.",
        ("real estate", "estate agent", "estate agents", "realtor", "property listings", "lettings", "landlords",
         "tenants", "for sale", "to let", "inmobiliaria", "immobilien", "immobilier", "agence immobilière", "~makler",
         "property management", "property manager", "rentals", "leasing", "tenant screening", "makelaar",
         "vastgoed", "huurwoning", "huurwoningen", "verhuur",
         # Coworking: desks and offices rented by the day or month.
         "coworking", "co-working", "hot desk", "hot desks", "hot desking", "dedicated desk", "dedicated desks",
         "private office", "private offices", "serviced office", "serviced offices", "office space",
         "escritório", "escritórios", "imobiliária", "bureaux partagés", "espace de travail partagé",
         # Polish: real estate, an estate agency, agents ("mieszkanie na wynajem" is any landlord's).
         "nieruchomości", "biuro nieruchomości", "pośrednictwo w obrocie nieruchomościami", "agent nieruchomości",
         # Czech and Norwegian: property, estate agents, letting, flats, homes.
         "nemovitost", "nemovitosti", "realitní kancelář", "pronájem", "eiendom", "eiendomsmegler", "utleie",
         "leilighet", "boliger",
         # Finnish: property, flats, letting, estate agents.
         "kiinteistö", "asunto", "asunnot", "vuokraus", "kiinteistönvälitys"),
        schema_types=("realestateagent",),
        channels=("facebook", "instagram", "linkedin"),
    ),
    Industry(
        "home_services", "Home services and trades",
        "Plumbers, heating engineers, electricians, builders, cleaners, gardeners and other trades that work in "
        "customers' homes.",
        ("plumber", "plumbers", "plumbing", "heating engineer", "heating engineers", "boiler", "boilers",
         "boiler service", "gas safe", "central heating", "radiators", "electrician", "electricians", "rewiring",
         "roofer", "roofing", "builder", "builders", "handyman", "locksmith", "cleaning service", "house cleaning",
         "removals", "landscaping", "gardener", "callout", "call-out", "fontanero", "fontanería", "electricista",
         "calefacción", "klempner", "sanitär", "heizungsbau", "elektriker", "plombier", "plomberie", "chauffagiste",
         "électricien", "loodgieter", "cv-ketel", "elektricien", "idraulico", "elettricista", "canalizador",
         "eletricista",
         # Renovation, solar and heat-pump installers, painters and joiners, in the seven languages; not a room's
         # name alone ("bathroom", "cocina": a hotel and a restaurant have those too).
         "renovation", "renovations", "refurbishment", "home improvement", "kitchen fitting", "bathroom refit",
         "solar panels", "solar installation", "heat pump", "heat pumps", "insulation", "painter and decorator",
         "carpenter", "joiner", "tiler", "reformas", "reformas integrales", "reforma integral", "reforma de baño",
         "reformas de baño", "placas solares", "paneles solares", "fotovoltaica", "autoconsumo", "aerotermia",
         "albañil", "albañilería", "climatización", "renovierung", "sanierung", "badsanierung", "photovoltaik",
         "solaranlage", "wärmepumpe", "wärmedämmung", "malerbetrieb", "schreinerei", "tischlerei", "fliesenleger",
         "dachdecker", "rénovation", "rénovations", "panneaux solaires", "photovoltaïque", "pompe à chaleur",
         "isolation thermique", "menuisier", "carreleur", "couvreur", "ristrutturazione", "ristrutturazioni",
         "pannelli solari", "fotovoltaico", "pompa di calore", "imbianchino", "falegname", "piastrellista",
         "remodelação", "remodelações", "painéis solares", "bomba de calor", "pedreiro", "carpinteiro", "renovatie",
         "verbouwing", "zonnepanelen", "warmtepomp", "tegelzetter", "dakdekker", "timmerman",
         # Polish: renovation and finishing work, tiles and tilers, plumbers, electricians, installations, heat
         # pumps, photovoltaics, roofers, joiners.
         "remont", "remonty", "remontu", "remontów", "wykończenia", "wykończenie", "glazurnik", "glazura", "płytki",
         "płytek", "hydraulik", "hydraulika", "elektryk", "instalacje", "instalacji", "malowanie", "fotowoltaika",
         "pompa ciepła", "pompy ciepła", "dekarz", "stolarz", "ekipa remontowa",
         # Czech and Norwegian: plumbers, electricians, carpenters, renovation, cleaning.
         "instalatér", "elektrikář", "rekonstrukce", "úklid", "rørlegger", "elektriker", "snekker", "oppussing",
         "rengjøring",
         # Finnish: plumbers, electricians, renovation, cleaning.
         "putkimies", "sähköasentaja", "remontti", "siivous"),
        schema_types=("homeandconstructionbusiness", "electrician", "plumber", "hvacbusiness", "roofingcontractor",
                      "generalcontractor", "housepainter", "locksmith", "movingcompany"),
        channels=("facebook", "instagram"),
    ),
    Industry(
        "general", "General",
        "A business whose industry could not be determined from its website.",
        (),
        channels=("instagram", "facebook", "linkedin"),
    ),
)

INDUSTRY_CODES: tuple[str, ...] = tuple(i.code for i in INDUSTRIES)
DEFAULT_INDUSTRY = "general"

# Channels a publisher connector exists for (agents/publisher/connectors). The planner and simulator know
# more (TikTok): a contract card that proposed one would plan posts the launch can only refuse.
PUBLISHABLE_CHANNELS: tuple[str, ...] = ("x", "linkedin", "facebook", "instagram")
# Channels we can publish to, with the PostVariant contract's limit: publishable and known to the planner
# and simulator. One source: a channel added to all three appears here.
CHANNEL_LIMITS: dict[str, int] = {c: POST_CHAR_LIMITS[c] for c in CHANNELS
                                  if c in POST_CHAR_LIMITS and c in PUBLISHABLE_CHANNELS}
CHANNEL_CODES: tuple[str, ...] = tuple(CHANNEL_LIMITS)

ROLE_CODES: tuple[str, ...] = tuple(ROLES)

# Legal finding classes the legal review and the labelled posts use (fixtures/blind/README.md).
FINDING_CLASSES: dict[str, str] = {
    "financial_guarantee": "promised returns, savings or earnings (guaranteed, risk-free)",
    "health_claim": "treats, cures, prevents or improves a health condition",
    "unsupported_superlative": "best, #1, cheapest with no support on the brand's site",
    "missing_disclosure": "a commercial relationship without #ad, #sponsored or a paid-partnership marker",
    "personal_data": "a private individual identified with personal details",
    "competitor_disparagement": "attacking a named competitor, or generic jabs at competitors",
    "unsupported_claim": "a specific number, price, award or certification the brand's site does not support",
    "banned_term": "profanity, insults or terms the policy bans for the industry or region",
    "length": "longer than the channel's limit",
}

EU = "EU"
GLOBAL = "global"
# EU member states (ISO 3166-1 alpha-2); EEA adds Iceland, Liechtenstein, Norway.
EU_MEMBER_STATES: tuple[str, ...] = (
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU",
    "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE",
)
EEA_EXTRA: tuple[str, ...] = ("IS", "LI", "NO")
# Regions where GDPR (or the UK's copy of it) applies to personal data in posts.
GDPR_REGIONS: tuple[str, ...] = (EU, *EU_MEMBER_STATES, *EEA_EXTRA, "GB")


def fold(word: str) -> str:
    """Lower case without accents: one place in its local spelling and in ISO's ("València", "Valencia")."""
    return "".join(c for c in unicodedata.normalize("NFKD", word.lower()) if not unicodedata.combining(c))


@cache
def place_names() -> frozenset[str]:
    """Country names (official and common) and subdivision names from pycountry's ISO 3166 tables, lower case, each
    also without its accents: the places research cuts from a title and the legal review never reads as a person."""
    names = {c.name.lower() for c in pycountry.countries}
    names |= {getattr(c, "common_name", c.name).lower() for c in pycountry.countries}
    names |= {s.name.lower() for s in pycountry.subdivisions}
    return frozenset(names | {fold(n) for n in names})


@cache
def country_codes() -> tuple[str, ...]:
    """Every ISO 3166-1 alpha-2 code (pycountry's table)."""
    return tuple(sorted(c.alpha_2 for c in pycountry.countries))


@cache
def region_codes() -> tuple[str, ...]:
    return (*country_codes(), EU, GLOBAL)


def region_scopes(region: str) -> list[str]:
    """The scopes a region's rules come from: itself, then EU for a member state, then global."""
    scopes = [region]
    if region in EU_MEMBER_STATES:
        scopes.append(EU)
    if region != GLOBAL:
        scopes.append(GLOBAL)
    return scopes


def industry(code: str) -> Industry:
    for item in INDUSTRIES:
        if item.code == code:
            return item
    raise KeyError(code)


def is_industry(code: str) -> bool:
    return code in INDUSTRY_CODES


def is_region(code: str) -> bool:
    return code in region_codes()


def policy_data() -> dict[str, object]:
    """The vocabulary as the Rego bundle reads it (``data.smm.vocabulary``); deterministic order."""
    return {
        "version": VOCABULARY_VERSION,
        "industries": {i.code: {"label": i.label, "health_regulated": i.health_regulated} for i in INDUSTRIES},
        "health_regulated_industries": sorted(i.code for i in INDUSTRIES if i.health_regulated),
        "regions": list(region_codes()),
        "region_scopes": {r: region_scopes(r) for r in region_codes()},
        "gdpr_regions": sorted(GDPR_REGIONS),
        "channels": {c: {"max_chars": n} for c, n in CHANNEL_LIMITS.items()},
        "roles": list(ROLE_CODES),
        "finding_classes": dict(FINDING_CLASSES),
    }
