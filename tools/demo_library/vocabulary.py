"""The words every name in the library is made of, by locale (the script a name is written in)."""

from __future__ import annotations

import numpy as np

LOCALES = ("en", "latin", "ko", "ja", "zh", "ru", "ar")
EN, LATIN, KO, JA, ZH, RU, AR = range(len(LOCALES))
NON_LATIN = (KO, JA, ZH, RU, AR)


def _words(text: str) -> np.ndarray:
    return np.array(text.split("|"), dtype=object)


EN_ADJ = _words(
    "Golden|Electric|Broken|Silver|Midnight|Neon|Wild|Lonely|Crystal|Velvet|Secret|Endless|Burning|"
    "Frozen|Hollow|Sweet|Bitter|Blue|Scarlet|Gentle|Restless|Paper|Lucky|Fading|Silent|Dizzy|"
    "Cosmic|Little|Lost|Last|First|Heavy|Easy|Pretty|Dangerous|Sugar|Wicked|Slow|Northern|"
    "Southern|Distant|Glass|Invisible|Tender|Savage|Lazy|Magic|Perfect|Empty|Purple"
)
EN_NOUN = _words(
    "Heart|Night|Fire|Rain|Dream|River|Ocean|Light|Shadow|Highway|Summer|Moon|Star|Garden|City|"
    "Love|Mirror|Thunder|Echo|Horizon|Memory|Paradise|Storm|Window|Angel|Diamond|Road|Kingdom|"
    "Signal|Satellite|Wave|Island|Morning|Letter|Flame|Ghost|Lover|Feeling|Tears|Sky|Heaven|"
    "Stranger|Promise|Melody|Rhythm|Season|Cherry|Butterfly|Machine|Planet|Honey|Skyline"
)
EN_VERB = _words(
    "Dance|Run|Fall|Shine|Break|Hold|Fly|Burn|Drive|Wait|Dream|Groove|Move|Shake|Chase|Call|Ride|"
    "Stay|Breathe|Jump|Sing|Bounce|Float|Touch|Spin|Shout|Hide|Rise|Glow|Wander"
)
EN_PHRASAL = _words(
    "Shut Up|Get Up|Slow Down|Turn Up|Calm Down|Back Off|Hold On|Wake Up|Let Go|Speak Up|Shake It|Come Back"
)
EN_PREP = _words("In The|Through The|Under The|Into The|Across The|Over The|With The|Beyond The|Like The|After The")
EN_FEEL = _words("Miss|Need|Want|Found|Lost|Chose|Remember|Forgot|Know|Feel|Love|Believe")
EN_PRON = _words("You|Me|Us|Her|Him|It|Them")
EN_ADV = _words("Tonight|Forever|Again|Closer|Now|Tight|Away|Down|Slowly|Baby|Anyway|Back")
EN_SUFFIX = _words(
    " (Live)| - Radio Edit| (Acoustic)| - Extended Mix| (Remix)| - Single Version| (English Ver.)|"
    " - Demo| (Interlude)| - Instrumental"
)
EN_FIRST = _words(
    "Alex|Sam|Jordan|Taylor|Casey|Riley|Morgan|Jamie|Avery|Quinn|Eli|Nora|Maya|Leo|Ruby|Owen|Isla|"
    "Theo|Hazel|Milo|Iris|Felix|June|Oscar|Violet|Jude|Ada|Rowan|Wren|Silas"
)
EN_LAST = _words(
    "Carter|Hayes|Brooks|Reed|Bennett|Foster|Griffin|Hart|Lane|Moss|Price|Shaw|Stone|Wells|West|"
    "Young|Fox|Holloway|Marsh|Quincy|Sutton|Vance|Whitlock|Ashby|Crane|Dalton|Everly|Finch"
)
EN_NOUNS = np.array(  # plurals: "The Neon Skies"
    [w if w.endswith("s") else w[:-1] + "ies" if w.endswith("y") and w[-2] not in "aeiou" else w + "s"
     for w in EN_NOUN],
    dtype=object,
)
EN_ENSEMBLE = _words("Trio|Quartet|Ensemble|Orchestra|Band|Collective|Project|Choir|Sextet")

LATIN_WORD = _words(
    "Corazón|Canción|Mañana|Amor|Noche|Día|Sueño|Luz|Fuego|Cielo|Alma|Vida|Été|Rêve|Cœur|Liberté|"
    "Lumière|Soleil|Étoile|Saudade|Coração|Ilusão|Verão|Natt|Ljus|Sjön|Fjäll|Herz|Sehnsucht|"
    "Straße|Ça|Déjà|Señal|Canção|Mar|Lágrimas|Después|Último|Sólo|Über"
)
LATIN_GLUE = _words(" de | y | et | sin | à | e | och | und ")
LATIN_LEAD = _words("La |Mi |El |Le |Sin |Tu |Mon |Meu |Nuestra |Pour ")
LATIN_FIRST = _words(
    "José|María|Zoë|Björn|Chloé|André|Léa|François|Joaquín|Inês|João|Søren|Åsa|Jürgen|Renée|"
    "Noémie|Lucía|Martín|Sofía|Álvaro|Thérèse|Ángel|Jérôme|Íris|Ørjan|Maëlle|Gaël|Nicolás"
)
LATIN_LAST = _words(
    "Núñez|Müller|García|Pérez|Ødegaard|Lindström|Gonçalves|Lefèvre|Álvarez|Böhm|Sánchez|"
    "Strömberg|Jiménez|Peña|Muñoz|Rodríguez|Fernández|Håkansson|Björklund|Gómez|Lemaître|Côté|"
    "Azevedo|Brandão|Schäfer|Köhler"
)
LATIN_BAND = _words("Los |Orquesta |Banda |Les |Grupo |Conjunto |Trío ")

KO_WORD = _words(
    "사랑|밤|꿈|별|하늘|바다|봄|여름|가을|겨울|눈물|비|바람|기억|시간|노래|마음|첫눈|안녕|오늘|내일|"
    "달|빛|불꽃|거리|그대|향기|우리|소녀|소년|청춘|여행|고백|약속|비밀|파도|노을|새벽|아침|편지"
)
KO_SURNAME = _words("김|이|박|최|정|강|조|윤|장|임|한|오|서|신|권|황|안|송|류|홍")
KO_SYLLABLE = _words("민|지|서|현|준|수|영|하|은|우|진|소|예|윤|태|연|유|혜|성|희|도|아|채|린|나|원|재|호|경|빈")

JA_WORD = _words(
    "夜|空|恋|桜|夢|花火|東京|君|僕|風|雨|光|海|春|夏|秋|冬|星|心|未来|涙|月|道|約束|青春|"
    "さよなら|ありがとう|ひかり|きみ|こころ|あおぞら|ゆめ|はなび|まぼろし|物語|季節|世界|明日|記憶"
)
JA_PARTICLE = _words("の|に|と|を|へ|、|")
JA_SURNAME = _words("佐藤|鈴木|高橋|田中|伊藤|渡辺|山本|中村|小林|加藤|吉田|山田|佐々木|松本|井上|木村")
JA_GIVEN = _words("さくら|ゆい|陽菜|蓮|翔|美咲|あおい|大翔|結衣|はると|葵|湊|凛|悠真|美月|琴音")

ZH_WORD = _words(
    "爱|月亮|城市|时光|梦|雨|心|夜|星空|远方|故事|青春|回忆|你|我|风|花|海|光|歌|晴天|告白|夏天|"
    "永远|孤单|温柔|天空|微笑|眼泪|世界"
)
ZH_SURNAME = _words("王|李|张|刘|陈|杨|黄|赵|吴|周|徐|孙|马|朱|胡|林|郭|何|高|罗")
ZH_GIVEN = _words("伟|芳|娜|敏|静|丽|强|磊|军|洋|勇|艳|杰|涛|明|超|秀|华|霞|平|宇|晨|欣|怡|浩")
ZH_PINYIN = _words("Wang|Li|Zhang|Liu|Chen|Yang|Huang|Zhao|Wu|Zhou|Xu|Sun|Lin|Guo|Gao|Luo")

RU_WORD = _words(
    "Любовь|Ночь|Звезда|Город|Мечта|Небо|Зима|Лето|Весна|Дорога|Сердце|Ветер|Море|Огни|Тишина|"
    "Песня|Танцы|Солнце|Дождь|Река|Снова|Навсегда|Белый|Синий|Последний|Новый|Осень|Луна"
)
RU_FIRST = _words(
    "Алексей|Дмитрий|Иван|Мария|Анна|Екатерина|Ольга|Сергей|Павел|Наталья|Михаил|Татьяна|Андрей|Елена|Юрий"
)
RU_LAST = _words("Иванов|Смирнова|Кузнецов|Попова|Соколов|Лебедева|Морозов|Волкова|Новиков|Козлова|Орлов|Белова|Зайцев")

AR_WORD = _words(
    "حب|ليل|قمر|نجوم|بحر|قلب|حياة|أمل|سماء|طريق|وطن|شمس|ريح|حلم|عيون|حبيبي|ذكرى|فجر|زمان|غربة|سهر|ورد|نور|شوق"
)
AR_FIRST = _words("محمد|أحمد|فاطمة|ليلى|عمر|يوسف|نور|سارة|خالد|مريم|هند|كريم|رانيا|سلمى|طارق")
AR_LAST = _words("الحسن|المصري|عبدالله|حداد|خوري|الأمين|سليمان|نصر|منصور|الشامي")
AR_LATIN_FIRST = _words("Omar|Layla|Youssef|Nour|Karim|Salma|Tarek|Rania|Hadi|Yasmin|Ziad|Dalia")
AR_LATIN_LAST = _words("Haddad|Nasser|Khoury|Mansour|Saleh|Aziz|Hamdan|Fares|Rahal|Sabbagh")

CLASSICAL_FORM = _words(
    "Sonata|Symphony|Concerto|String Quartet|Nocturne|Prelude|Étude|Waltz|Suite|Fantasia|Mass|"
    "Serenade|Partita|Impromptu|Ballade|Piano Trio"
)
CLASSICAL_KEY = _words("C|D|E|F|G|A|B|B-Flat|E-Flat|A-Flat|F-Sharp|C-Sharp")
CLASSICAL_MODE = _words("Major|Minor")
CLASSICAL_ROMAN = _words("I|II|III|IV|V")
CLASSICAL_TEMPO = _words(
    "Allegro|Adagio|Andante|Presto|Largo|Menuetto|Scherzo|Allegretto|Vivace|Rondo. Allegro|"
    "Andante con moto|Allegro ma non troppo|Adagio cantabile|Finale. Presto"
)

LABEL_PREFIX = _words(
    "Star|Blue|Moon|Sun|Sky|Red|Gold|Silver|Night|Dream|Wave|Stone|Fire|Iron|Glass|Cloud|Echo|"
    "Bright|Neon|Wild|North|Ever|High|Deep|True"
)
LABEL_SUFFIX = _words(
    "light|wave|rise|line|field|side|tone|beat|house|works|gate|port|vale|crest|hill|fall|star|"
    "run|way|cast"
)
LABEL_TYPE = _words(
    "| Entertainment| Sound| Media| Studio| Works| Audio| Collective| Group| Creative| Company"
)
LABEL_TYPE_P = np.array([0.34, 0.16, 0.1, 0.08, 0.06, 0.04, 0.06, 0.04, 0.05, 0.04, 0.03])
ARTIST_IMPRINT = "Republic Records - "

PLAYLIST_SUFFIX = ("", " Mix", " Essentials", " Radio", " Favourites", " Deep Cuts", " Forever")
PLAYLIST_MOOD = (
    "Late Night", "Sunday Morning", "Road Trip", "Workout", "Rainy Day", "Focus", "Chill", "Party",
    "Summer", "Winter", "Throwback", "Dinner", "Study", "Sleep", "Heartbreak", "Sunset",
)
ALBUM_EDITION = _words(" (Deluxe Edition)| (Expanded Edition)| Vol. 2| [Remastered]| (Original Soundtrack)| (Live)")

# The countries of the ISRCs an artist of each locale records under.
COUNTRY_CODES = {
    EN: ["US", "GB", "CA", "AU"], LATIN: ["ES", "FR", "BR", "DE", "SE", "MX"], KO: ["KR"],
    JA: ["JP"], ZH: ["CN", "TW"], RU: ["RU"], AR: ["AE", "EG", "LB"],
}
