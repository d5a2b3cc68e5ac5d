"""A deterministic synthetic music library in the normalised Spotify CSV layout.

``generate_library(out_dir, n_tracks, seed)`` writes the ten CSV files of the layout (tracks,
albums, artists, audio features, the track/album/genre bridges, liked tracks, playlists and
their tracks) into ``out_dir`` and returns the number of rows of each.  The same
``(n_tracks, seed)`` always gives byte-identical files.

What the library looks like, so that the atlas built from it has something to show:

* long tails everywhere: Zipf-like track counts per artist, per genre and per record label;
* genres (made of word lists, e.g. "korean pop", "dream synth", "nordic folk") that set the
  audio features of their artists' tracks, so clusters of tracks mean something;
* about 20% of tracks credited to 2 or 3 artists, about 40% liked, playlists from 5 to a few
  hundred tracks;
* names in Latin with accents, Hangul, kana/kanji, Chinese, Cyrillic and Arabic script, and
  names with commas, double quotes and ampersands;
* label texts in all the spellings a real export has: several labels in one text, leading
  years, company suffixes, "distributed through ..." and artist imprints;
* a few faults a real export has: tracks without audio features, credits of artists that
  are not in artists.csv, playlist entries of tracks that are not in tracks.csv and tracks of
  albums that are not in albums.csv.  Keys are never duplicated and the CSV is never malformed.

Every name is made up here from word lists; nothing is taken from a real export.  The work is
vectorised with numpy and pandas (loops run over genres, locales, templates and playlists,
never over tracks), so a million tracks take well under a minute.

Command line: ``python -m assets.generator OUT_DIR --tracks N --seed S``.
"""

from __future__ import annotations

import argparse
import pathlib
from collections.abc import Callable, Sequence

import numpy as np
import pandas as pd

DEMO_TRACKS = 1200
DEMO_SEED = 7

# The layout: file (without .csv) -> columns in order, and each file's key.
COLUMNS: dict[str, list[str]] = {
    "tracks": ["name", "popularity", "explicit", "duration_ms", "uri", "album_uri", "isrc"],
    "albums": ["name", "album_type", "label", "popularity", "total_tracks", "release_date", "uri", "image_url"],
    "artists": ["name", "uri", "popularity", "followers", "image_url"],
    "audio_features": [
        "danceability", "energy", "key", "loudness", "mode", "speechiness", "acousticness",
        "instrumentalness", "liveness", "valence", "tempo", "time_signature", "track_uri",
    ],
    "track_artist": ["track_uri", "artist_uri", "artist_index"],
    "album_artist": ["album_uri", "artist_uri"],
    "artist_genre": ["artist_uri", "genre"],
    "liked_tracks": ["track_uri"],
    "playlists": ["name", "collaborative", "public", "uri", "image_url"],
    "playlist_track": ["playlist_uri", "track_uri"],
}
KEYS: dict[str, list[str]] = {
    "tracks": ["uri"],
    "albums": ["uri"],
    "artists": ["uri"],
    "audio_features": ["track_uri"],
    "track_artist": ["track_uri", "artist_uri"],
    "album_artist": ["album_uri", "artist_uri"],
    "artist_genre": ["artist_uri", "genre"],
    "liked_tracks": ["track_uri"],
    "playlists": ["uri"],
    "playlist_track": ["playlist_uri", "track_uri"],
}

# The seven features a genre has a centre for, in this order.
FEATURE_NAMES = ("danceability", "energy", "speechiness", "acousticness", "instrumentalness", "liveness", "valence")

ALBUM_IMAGE_PREFIX = "ab67616d0000b273"
ARTIST_IMAGE_PREFIX = "ab6761610000e5eb"
IMAGE_HOST = "https://i.scdn.co/image/"
MOSAIC_HOST = "https://mosaic.scdn.co/640/"

# ---------------------------------------------------------------------------------------------
# Word lists.  Every name in the library is a combination of these.
# ---------------------------------------------------------------------------------------------

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

# ---------------------------------------------------------------------------------------------
# Genres: base styles (with their feature centres) and modifiers (which move them).
# ---------------------------------------------------------------------------------------------

# name, danceability, energy, speechiness, acousticness, instrumentalness, liveness, valence,
# tempo, explicit probability, median duration (s), locale, classical titles
_BASES: tuple[tuple, ...] = (
    ("pop", .66, .70, .06, .15, .01, .14, .56, 118, .12, 205, EN, 0),
    ("rock", .50, .80, .05, .06, .05, .19, .46, 126, .08, 235, EN, 0),
    ("indie", .55, .58, .04, .30, .10, .13, .42, 120, .05, 220, EN, 0),
    ("folk", .50, .33, .04, .82, .05, .13, .45, 108, .02, 215, EN, 0),
    ("metal", .40, .95, .09, .01, .25, .22, .27, 142, .15, 280, EN, 0),
    ("punk", .45, .93, .07, .02, .03, .30, .55, 172, .25, 150, EN, 0),
    ("hip hop", .76, .64, .28, .14, .01, .18, .50, 96, .65, 200, EN, 0),
    ("trap", .79, .60, .22, .10, .02, .15, .38, 140, .75, 180, EN, 0),
    ("drill", .72, .66, .30, .15, .01, .14, .35, 142, .85, 170, EN, 0),
    ("r&b", .68, .52, .10, .28, .02, .12, .50, 100, .30, 210, EN, 0),
    ("soul", .60, .55, .06, .38, .03, .18, .65, 104, .03, 200, EN, 0),
    ("funk", .78, .72, .07, .12, .08, .18, .82, 112, .05, 240, EN, 0),
    ("disco", .80, .78, .05, .10, .04, .15, .86, 121, .02, 260, EN, 0),
    ("house", .79, .82, .06, .03, .62, .12, .48, 124, .05, 330, EN, 0),
    ("techno", .72, .86, .05, .02, .82, .11, .28, 132, .01, 400, EN, 0),
    ("trance", .58, .88, .05, .02, .75, .15, .33, 138, .01, 380, EN, 0),
    ("drum and bass", .55, .92, .08, .01, .45, .20, .40, 174, .05, 300, EN, 0),
    ("ambient", .26, .18, .04, .85, .88, .10, .12, 82, 0, 330, EN, 0),
    ("synth", .62, .72, .04, .05, .50, .12, .45, 116, .01, 250, EN, 0),
    ("synthwave", .60, .76, .04, .04, .58, .12, .42, 112, .01, 260, EN, 0),
    ("jazz", .55, .34, .05, .78, .55, .20, .52, 112, 0, 300, EN, 0),
    ("blues", .52, .48, .05, .55, .10, .25, .50, 105, .02, 250, EN, 0),
    ("classical", .28, .12, .04, .95, .88, .14, .22, 100, 0, 330, EN, 1),
    ("orchestra", .25, .18, .04, .92, .86, .18, .20, 104, 0, 360, EN, 1),
    ("choir", .20, .14, .04, .96, .35, .22, .16, 88, 0, 240, EN, 1),
    ("piano", .38, .10, .04, .98, .92, .10, .25, 96, 0, 200, EN, 1),
    ("baroque", .35, .22, .05, .90, .80, .15, .45, 112, 0, 220, EN, 1),
    ("opera", .24, .24, .05, .90, .15, .25, .20, 98, 0, 290, EN, 1),
    ("lo-fi", .68, .34, .08, .62, .78, .11, .48, 84, .01, 150, EN, 0),
    ("ballad", .45, .36, .04, .65, .01, .11, .28, 92, .01, 240, EN, 0),
    ("reggae", .80, .58, .12, .18, .02, .15, .75, 92, .05, 230, EN, 0),
    ("reggaeton", .82, .76, .11, .14, .00, .12, .72, 95, .45, 200, LATIN, 0),
    ("country", .58, .62, .04, .32, .01, .17, .60, 120, .03, 200, EN, 0),
    ("bluegrass", .52, .50, .04, .80, .15, .20, .66, 128, 0, 180, EN, 0),
    ("edm", .66, .90, .07, .02, .30, .25, .42, 128, .05, 210, EN, 0),
    ("dubstep", .58, .92, .09, .01, .40, .20, .30, 140, .10, 240, EN, 0),
    ("shoegaze", .36, .72, .04, .10, .55, .14, .25, 118, .01, 280, EN, 0),
    ("emo", .45, .82, .06, .05, .01, .20, .35, 150, .20, 210, EN, 0),
    ("gospel", .50, .55, .06, .45, .01, .45, .55, 100, 0, 280, EN, 0),
    ("soundtrack", .28, .30, .04, .72, .85, .12, .18, 100, 0, 170, EN, 0),
    ("singer-songwriter", .52, .34, .04, .78, .02, .12, .38, 110, .02, 220, EN, 0),
    ("bossa nova", .62, .30, .05, .82, .15, .12, .62, 116, 0, 200, LATIN, 0),
    ("tango", .58, .40, .05, .78, .40, .16, .45, 118, 0, 190, LATIN, 0),
    ("flamenco", .55, .48, .06, .85, .20, .30, .58, 120, 0, 220, LATIN, 0),
    ("cumbia", .80, .72, .07, .30, .05, .20, .90, 98, .02, 210, LATIN, 0),
    ("ska", .72, .85, .06, .10, .05, .25, .85, 150, .05, 190, EN, 0),
    ("grunge", .40, .85, .05, .05, .06, .22, .35, 125, .15, 250, EN, 0),
    ("city pop", .68, .62, .04, .25, .05, .14, .70, 115, 0, 250, JA, 0),
    ("trot", .62, .68, .04, .30, .01, .18, .72, 125, 0, 210, KO, 0),
    ("enka", .45, .40, .04, .55, .01, .15, .40, 95, 0, 250, JA, 0),
    ("chanson", .50, .35, .05, .70, .02, .18, .45, 108, 0, 200, LATIN, 0),
    ("mandopop", .58, .52, .04, .40, .01, .12, .40, 110, 0, 240, ZH, 0),
    ("k-pop", .70, .78, .08, .10, .01, .15, .62, 122, .05, 200, KO, 0),
    ("j-pop", .60, .78, .05, .15, .02, .16, .60, 130, .01, 240, JA, 0),
)

# word, locale (-1: none), feature shifts (by FEATURE_NAMES initial, "t" = tempo)
_MODIFIERS: tuple[tuple[str, int, dict[str, float]], ...] = (
    ("korean", KO, {}), ("japanese", JA, {}), ("chinese", ZH, {}), ("taiwan", ZH, {}),
    ("russian", RU, {}), ("arabic", AR, {}), ("egyptian", AR, {"d": .05}), ("lebanese", AR, {}),
    ("latin", LATIN, {"d": .1, "v": .12}), ("spanish", LATIN, {}), ("french", LATIN, {}),
    ("brazilian", LATIN, {"v": .08}), ("nordic", LATIN, {"e": -.06, "v": -.08}), ("german", LATIN, {}),
    ("swedish", LATIN, {}), ("uk", EN, {}), ("australian", EN, {}),
    ("dream", -1, {"e": -.2, "a": .15, "i": .12, "v": -.05}),
    ("dark", -1, {"v": -.25, "e": .05}),
    ("deep", -1, {"d": .08, "i": .1, "v": -.1}),
    ("indie", -1, {"a": .1, "e": -.06}),
    ("alternative", -1, {"e": .05, "v": -.05}),
    ("acoustic", -1, {"a": .35, "e": -.25, "d": -.05}),
    ("neo", -1, {}), ("modern", -1, {}),
    ("chamber", -1, {"a": .3, "i": .2, "e": -.2}),
    ("bedroom", -1, {"e": -.2, "a": .15}),
    ("hyper", -1, {"e": .2, "t": 25, "d": .05}),
    ("experimental", -1, {"i": .2, "v": -.1, "d": -.15}),
    ("progressive", -1, {"i": .15, "e": .05, "t": 5}),
    ("melodic", -1, {"v": .05}),
    ("psychedelic", -1, {"i": .15, "l": .05}),
    ("industrial", -1, {"e": .15, "v": -.2, "a": -.1}),
    ("sad", -1, {"v": -.3, "e": -.15}),
    ("gothic", -1, {"v": -.25}),
    ("cosmic", -1, {"i": .2}),
    ("tropical", -1, {"d": .1, "v": .2}),
    ("slow", -1, {"e": -.2, "t": -20}),
    ("underground", -1, {"s": .05}),
    ("vintage", -1, {"a": .2, "l": .1}),
    ("christmas", -1, {"v": .2, "a": .1}),
    ("live", -1, {"l": .45}),
    ("minimal", -1, {"i": .2, "e": -.1}),
    ("folk", -1, {"a": .3, "e": -.15}),
    ("synth", -1, {"a": -.2, "i": .1}),
)
_SHIFT_INDEX = {"d": 0, "e": 1, "s": 2, "a": 3, "i": 4, "l": 5, "v": 6}


class _Genres:
    """The genre vocabulary: names, feature centres and how common each genre is."""

    def __init__(self, rng: np.random.Generator, n_tracks: int):
        size = int(np.clip(round(25 * np.log10(max(n_tracks, 10))), 40, 200))
        base_names = [b[0] for b in _BASES]
        combos: list[tuple[int, int]] = []  # (modifier, base); -1 = bare base
        for m, (word, mloc, _) in enumerate(_MODIFIERS):
            for b, base in enumerate(_BASES):
                if word == base[0] or word in base[0].split() or (mloc >= 0 and base[11] != EN):
                    continue
                combos.append((m, b))
        order = rng.permutation(len(combos))
        chosen: list[tuple[int, int]] = []
        # At least one genre for each locale, so every script shows up.
        for loc in (KO, JA, ZH, RU, AR, LATIN):
            for k in order:
                m, b = combos[k]
                if _MODIFIERS[m][1] == loc and (m, b) not in chosen:
                    chosen.append((m, b))
                    break
        n_bare = min(len(_BASES), size * 3 // 10)
        for b in rng.permutation(len(_BASES))[:n_bare]:
            chosen.append((-1, int(b)))
        for k in order:
            if len(chosen) >= size:
                break
            if combos[k] not in chosen:
                chosen.append(combos[k])
        chosen = [chosen[i] for i in rng.permutation(len(chosen))]

        g = len(chosen)
        self.names = np.array(
            [(_MODIFIERS[m][0] + " " if m >= 0 else "") + base_names[b] for m, b in chosen], dtype=object
        )
        base = np.array([c[1] for c in chosen])
        mod = np.array([c[0] for c in chosen])
        table = np.array([row[1:11] for row in _BASES], dtype=float)
        self.centre = table[base, :7].copy()
        self.tempo = table[base, 7].copy()
        self.explicit = table[base, 8].copy()
        self.duration = table[base, 9].copy()
        self.classical = np.array([_BASES[b][12] for b in base], dtype=bool)
        self.locale = np.array([_BASES[b][11] for b in base])
        for i, m in enumerate(mod):
            if m < 0:
                continue
            word, mloc, shifts = _MODIFIERS[m]
            if mloc >= 0:
                self.locale[i] = mloc
            for key, delta in shifts.items():
                if key == "t":
                    self.tempo[i] += delta
                else:
                    self.centre[i, _SHIFT_INDEX[key]] += delta
        self.centre += rng.normal(0, 0.04, self.centre.shape)
        self.centre = np.clip(self.centre, 0.02, 0.97)
        self.tempo = np.clip(self.tempo + rng.normal(0, 5, g), 70, 185)
        # How common each genre is: Zipf over a random ranking.
        rank = rng.permutation(g)
        self.weight = 1.0 / (rank + 2.0)
        self.weight /= self.weight.sum()
        self.size = g


# ---------------------------------------------------------------------------------------------
# Vectorised helpers.
# ---------------------------------------------------------------------------------------------

_BASE62 = np.frombuffer(b"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ", dtype=np.uint8)
_HEX = np.frombuffer(b"0123456789abcdef", dtype=np.uint8)
_UPPER_ALNUM = np.frombuffer(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", dtype=np.uint8)


def _codes_to_str(codes: np.ndarray) -> np.ndarray:
    """An (n, k) array of code points -> an array of n strings of length k."""
    codes = np.ascontiguousarray(codes, dtype=np.uint32)
    n, k = codes.shape
    return codes.view(f"<U{k}").reshape(n)


def _spotify_ids(rng: np.random.Generator, n: int) -> np.ndarray:
    """n distinct Spotify-style ids: 22 base62 characters, the first one 0-7 (a 128-bit number)."""
    codes = np.empty((n, 22), dtype=np.uint8)
    codes[:, 0] = _BASE62[rng.integers(0, 8, n)]
    codes[:, 1:] = _BASE62[rng.integers(0, 62, (n, 21))]
    ids = codes.view("S22").reshape(n)
    while True:  # collisions are astronomically unlikely, but keys must be unique
        order = np.argsort(ids, kind="stable")
        dup = order[np.flatnonzero(ids[order][1:] == ids[order][:-1]) + 1]
        if dup.size == 0:
            return ids
        codes[dup, 1:] = _BASE62[rng.integers(0, 62, (dup.size, 21))]


def _hex(rng: np.random.Generator, n: int, k: int = 24) -> np.ndarray:
    return _HEX[rng.integers(0, 16, (n, k))].view(f"S{k}").reshape(n)


def _prefixed(prefix: str, ids: np.ndarray) -> np.ndarray:
    """prefix + each bytes id, as an object array of str."""
    return np.char.add(prefix.encode(), ids).astype("U").astype(object)


def _pick(rng: np.random.Generator, words: np.ndarray, m: int) -> np.ndarray:
    return words[rng.integers(0, len(words), m)]


def _num(values: np.ndarray) -> np.ndarray:
    return np.asarray(values).astype(str).astype(object)


Template = Callable[[np.random.Generator, int], np.ndarray]


def _by_template(
    rng: np.random.Generator, m: int, templates: Sequence[tuple[float, Template]], code: np.ndarray | None = None
) -> np.ndarray:
    """m strings, each made by one of the weighted templates (or the given template codes)."""
    weights = np.array([w for w, _ in templates], dtype=float)
    if code is None:
        code = rng.choice(len(templates), size=m, p=weights / weights.sum())
    out = np.empty(m, dtype=object)
    for k, (_, make) in enumerate(templates):
        idx = np.flatnonzero(code == k)
        if idx.size:
            out[idx] = make(rng, idx.size)
    return out


def _phrase(words: np.ndarray, glue: str | np.ndarray = " ", p=(0.45, 0.4, 0.15)) -> Template:
    """1-3 words of a list, joined by glue (a string, or a list to pick from)."""

    def make(rng: np.random.Generator, m: int) -> np.ndarray:
        count = rng.choice(3, size=m, p=p)
        out = _pick(rng, words, m)
        for k in (1, 2):
            more = np.flatnonzero(count >= k)
            g = glue if isinstance(glue, str) else _pick(rng, glue, more.size)
            out[more] = out[more] + g + _pick(rng, words, more.size)
        return out

    return make


def _cat(*parts: np.ndarray | str | tuple[np.ndarray, ...]) -> Template:
    """A template concatenating fixed strings and words picked from lists."""

    def make(rng: np.random.Generator, m: int) -> np.ndarray:
        out = np.full(m, "", dtype=object)
        for part in parts:
            out = out + (part if isinstance(part, str) else _pick(rng, part, m))
        return out

    return make


def _english_titles() -> list[tuple[float, Template]]:
    def remaster(rng: np.random.Generator, m: int) -> np.ndarray:
        years = _num(rng.integers(1995, 2024, m))
        return _pick(rng, EN_ADJ, m) + " " + _pick(rng, EN_NOUN, m) + " - Remastered " + years

    return [
        (0.24, _cat(EN_ADJ, " ", EN_NOUN)),
        (0.14, _cat(EN_NOUN)),
        (0.09, _cat(EN_VERB, " ", EN_PREP, " ", EN_NOUN)),
        (0.05, _cat(EN_PHRASAL, " & ", EN_VERB)),  # "Shut Up & Groove"
        (0.04, _cat(EN_NOUN, " & ", EN_NOUN)),
        (0.03, _cat(EN_NOUN, ", ", EN_NOUN, " & ", EN_NOUN)),
        (0.03, _cat("Oh, ", EN_ADJ, " ", EN_NOUN)),
        (0.03, _cat(EN_VERB, ' "', EN_NOUN, '"')),
        (0.02, _cat('The "', EN_ADJ, '" ', EN_NOUN)),
        (0.08, _cat("I ", EN_FEEL, " ", EN_PRON)),
        (0.08, _cat(EN_VERB, " ", EN_PRON, " ", EN_ADV)),
        (0.09, _cat(EN_ADJ, " ", EN_NOUN, EN_SUFFIX)),
        (0.04, remaster),
        (0.04, _cat(EN_NOUN, ", ", EN_PRON, " ", EN_ADV)),
    ]


def _classical_title(rng: np.random.Generator, m: int) -> np.ndarray:
    return (
        _pick(rng, CLASSICAL_FORM, m) + " No. " + _num(rng.integers(1, 25, m)) + " in "
        + _pick(rng, CLASSICAL_KEY, m) + " " + _pick(rng, CLASSICAL_MODE, m) + ", Op. "
        + _num(rng.integers(1, 130, m)) + ": " + _pick(rng, CLASSICAL_ROMAN, m) + ". "
        + _pick(rng, CLASSICAL_TEMPO, m)
    )


def _native_titles(locale: int) -> Template:
    if locale == KO:
        return _phrase(KO_WORD)
    if locale == JA:
        return _phrase(JA_WORD, JA_PARTICLE, p=(0.4, 0.5, 0.1))
    if locale == ZH:
        return _phrase(ZH_WORD, "", p=(0.3, 0.55, 0.15))
    if locale == RU:
        return _phrase(RU_WORD)
    if locale == AR:
        return _phrase(AR_WORD)
    return _by_template_fn([
        (0.35, _cat(LATIN_WORD)),
        (0.3, _cat(LATIN_WORD, LATIN_GLUE, LATIN_WORD)),
        (0.2, _cat(LATIN_LEAD, LATIN_WORD)),
        (0.15, _cat(LATIN_WORD, " ", LATIN_WORD)),
    ])


def _by_template_fn(templates: Sequence[tuple[float, Template]]) -> Template:
    return lambda rng, m: _by_template(rng, m, templates)


def _titles(rng: np.random.Generator, locale: int, m: int) -> np.ndarray:
    """Song or album titles for artists of one locale."""
    english = _by_template_fn(_english_titles())
    if locale == EN:
        return english(rng, m)
    native_share = 0.6 if locale == LATIN else 0.7
    return _by_template(rng, m, [(native_share, _native_titles(locale)), (1 - native_share, english)])


def _artist_templates(locale: int) -> list[tuple[float, Template]]:
    """Artist name templates of a locale; the first one is always in the locale's own script."""

    def upper_word(rng: np.random.Generator, m: int) -> np.ndarray:
        return np.array([w.upper() for w in EN_NOUN], dtype=object)[rng.integers(0, len(EN_NOUN), m)]

    def acronym(rng: np.random.Generator, m: int) -> np.ndarray:
        k = rng.integers(2, 5, m)
        codes = _UPPER_ALNUM[rng.integers(0, 26, (m, 4))].astype(np.uint32)
        codes[np.arange(4)[None, :] >= k[:, None]] = 0
        return _codes_to_str(codes).astype(object)

    def ko_person(rng: np.random.Generator, m: int) -> np.ndarray:
        return _pick(rng, KO_SURNAME, m) + _pick(rng, KO_SYLLABLE, m) + _pick(rng, KO_SYLLABLE, m)

    if locale == EN:
        return [
            (0.33, _cat(EN_FIRST, " ", EN_LAST)),
            (0.13, _cat("The ", EN_ADJ, " ", EN_NOUNS)),
            (0.11, _cat(EN_ADJ, " ", EN_NOUN)),
            (0.07, _cat(EN_FIRST)),
            (0.06, _cat(EN_FIRST, " & The ", EN_NOUNS)),
            (0.04, _cat("DJ ", EN_FIRST)),
            (0.03, _cat("Lil ", EN_NOUN)),
            (0.05, _cat(EN_LAST, " ", EN_ENSEMBLE)),
            (0.05, _cat(EN_LAST, " & ", EN_LAST)),
            (0.05, _cat(EN_NOUN, " ", EN_NOUN)),
            (0.04, _cat(EN_FIRST, " ", EN_LAST, ", ", EN_FIRST, " ", EN_LAST)),
            (0.04, _cat(EN_NOUN, " ", EN_ENSEMBLE)),
        ]
    if locale == LATIN:
        return [
            (0.62, _cat(LATIN_FIRST, " ", LATIN_LAST)),
            (0.12, _cat(LATIN_FIRST)),
            (0.14, _cat(LATIN_BAND, LATIN_WORD)),
            (0.12, _cat(LATIN_FIRST, " ", LATIN_LAST, " y ", LATIN_FIRST, " ", LATIN_LAST)),
        ]
    if locale == KO:
        return [(0.35, ko_person), (0.1, _phrase(KO_WORD, p=(0.7, 0.3, 0.0))), (0.3, upper_word), (0.25, acronym)]
    if locale == JA:
        return [
            (0.4, _cat(JA_SURNAME, JA_GIVEN)),
            (0.2, _phrase(JA_WORD, "", p=(0.6, 0.4, 0.0))),
            (0.4, _cat(EN_ADJ, " ", EN_NOUN)),
        ]
    if locale == ZH:
        return [
            (0.5, _cat(ZH_SURNAME, ZH_GIVEN, ZH_GIVEN)),
            (0.15, _cat(ZH_SURNAME, ZH_GIVEN)),
            (0.35, _cat(EN_FIRST, " ", ZH_PINYIN)),
        ]
    if locale == RU:
        return [(0.65, _cat(RU_FIRST, " ", RU_LAST)), (0.2, _phrase(RU_WORD, p=(0.6, 0.4, 0.0))), (0.15, upper_word)]
    return [(0.7, _cat(AR_FIRST, " ", AR_LAST)), (0.3, _cat(AR_LATIN_FIRST, " ", AR_LATIN_LAST))]


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


def _logit(p: np.ndarray) -> np.ndarray:
    p = np.clip(p, 1e-4, 1 - 1e-4)
    return np.log(p / (1 - p))


def _round_sig3(x: np.ndarray) -> np.ndarray:
    """Three significant figures (as Spotify's small values look, e.g. 0.000707); below 1e-6 -> 0."""
    out = np.zeros_like(x)
    nz = x >= 1e-6
    scale = 10.0 ** (2 - np.floor(np.log10(x[nz])))
    out[nz] = np.round(x[nz] * scale) / scale
    return np.minimum(out, 1.0)


def _round(x: np.ndarray, decimals: int) -> np.ndarray:
    return np.round(x, decimals) + 0.0  # + 0.0 turns -0.0 into 0.0


def _rank(keys: np.ndarray) -> np.ndarray:
    """The position of each key in sorted order."""
    order = np.argsort(keys, kind="stable")
    rank = np.empty(len(keys), dtype=np.int64)
    rank[order] = np.arange(len(keys))
    return rank


def _write(out_dir: pathlib.Path, name: str, frame: pd.DataFrame) -> int:
    frame = frame[COLUMNS[name]]
    frame.to_csv(out_dir / f"{name}.csv", index=False, lineterminator="\n", encoding="utf-8")
    return len(frame)


# ---------------------------------------------------------------------------------------------
# The library.
# ---------------------------------------------------------------------------------------------


def generate_library(out_dir: pathlib.Path, n_tracks: int, seed: int = 0) -> dict[str, int]:
    """Write the ten CSV files; return row counts per file name (without .csv)."""
    n = int(n_tracks)
    if n < 1:
        raise ValueError("n_tracks must be at least 1")
    out_dir = pathlib.Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    genres = _Genres(rng, n)
    G = genres.size

    # --- artists -----------------------------------------------------------------------------
    A = max(1, min(n, round(n / 8)))
    artist_weight = 1.0 / (np.arange(A) + 3.0) ** 1.1
    artist_weight /= artist_weight.sum()
    track_count = 1 + rng.multinomial(n - A, artist_weight)  # artist 0 has the most tracks
    first_genre = rng.choice(G, size=A, p=genres.weight)
    n_extra = rng.choice(4, size=A, p=[0.35, 0.35, 0.2, 0.1])
    extra_p = genres.weight**0.4 / (genres.weight**0.4).sum()
    extra_artist = np.repeat(np.arange(A), n_extra)
    genre_pairs = pd.DataFrame({
        "artist": np.concatenate([np.arange(A), extra_artist]),
        "genre": np.concatenate([first_genre, rng.choice(G, size=extra_artist.size, p=extra_p)]),
        "position": np.concatenate([np.zeros(A, dtype=np.int64), np.ones(extra_artist.size, dtype=np.int64)]),
    }).drop_duplicates(["artist", "genre"])

    # The artist's locale (script of its names): mostly its first genre's.
    genre_locale = genres.locale[first_genre]
    random_locale = rng.choice(len(LOCALES), size=A, p=[0.3, 0.22, 0.14, 0.1, 0.08, 0.08, 0.08])
    keep = rng.random(A) < np.where(genre_locale == EN, 0.75, 0.88)
    locale = np.where(keep, genre_locale, random_locale)
    name_template = np.full(A, -1)
    perm = rng.permutation(A)
    for loc in (LATIN, KO, JA, ZH, RU, AR):  # every script at least once, with a native name
        if A < len(LOCALES):
            break
        mine = perm[locale[perm] == loc]
        if mine.size == 0:
            candidates = perm[(locale[perm] == EN)]
            if candidates.size == 0:
                continue
            locale[candidates[0]] = loc
            mine = candidates[:1]
        name_template[mine[0]] = 0
    artist_name = np.empty(A, dtype=object)
    for loc in range(len(LOCALES)):
        idx = np.flatnonzero(locale == loc)
        if idx.size == 0:
            continue
        templates = _artist_templates(loc)
        weights = np.array([w for w, _ in templates])
        code = rng.choice(len(templates), size=idx.size, p=weights / weights.sum())
        code = np.where(name_template[idx] >= 0, name_template[idx], code)
        artist_name[idx] = _by_template(rng, idx.size, templates, code)

    artist_pop = np.clip(np.round(rng.normal(42, 17, A) + 10 * np.log10(track_count)), 0, 100).astype(np.int64)
    followers = np.floor(np.exp(2.0 + artist_pop * 0.145 + rng.normal(0, 0.8, A))).astype(np.int64)
    artist_image = _prefixed(IMAGE_HOST + ARTIST_IMAGE_PREFIX, _hex(rng, A))
    artist_image[rng.random(A) < 0.07] = ""
    start_year = np.clip(2024 - np.floor(rng.exponential(12, A)), 1955, 2024).astype(np.int64)
    like_effect = rng.normal(0, 1.3, A)
    registrant = _UPPER_ALNUM[rng.integers(0, 36, (A, 3))].astype(np.uint32)
    country_codes = {
        EN: ["US", "GB", "CA", "AU"], LATIN: ["ES", "FR", "BR", "DE", "SE", "MX"], KO: ["KR"],
        JA: ["JP"], ZH: ["CN", "TW"], RU: ["RU"], AR: ["AE", "EG", "LB"],
    }
    country = np.zeros((A, 2), dtype=np.uint32)
    for loc, codes in country_codes.items():
        idx = np.flatnonzero(locale == loc)
        choice = rng.integers(0, len(codes), idx.size)
        cc = np.array([[ord(c) for c in code] for code in codes], dtype=np.uint32)
        country[idx] = cc[choice]

    # --- tracks, ordered by primary artist; albums are runs of one artist's tracks -----------------
    primary = np.repeat(np.arange(A), track_count)
    size_draw = np.where(
        rng.random(n) < 0.35, 1,
        np.where(rng.random(n) < 0.4, rng.integers(2, 5, n),
                 np.where(rng.random(n) < 0.75, rng.integers(5, 13, n), rng.integers(13, 21, n))),
    )
    ends = np.cumsum(size_draw)
    is_start = np.zeros(n, dtype=bool)
    is_start[0] = True
    is_start[ends[ends < n]] = True
    is_start[np.cumsum(track_count)[:-1]] = True
    album_of = np.cumsum(is_start) - 1
    n_albums = int(album_of[-1]) + 1
    album_first = np.flatnonzero(is_start)
    album_artist_id = primary[album_first]
    album_size = np.bincount(album_of, minlength=n_albums)

    career = 2025 - start_year[album_artist_id]
    album_year = start_year[album_artist_id] + np.floor(rng.random(n_albums) * career).astype(np.int64)
    album_year = np.minimum(album_year, 2024)
    days = (album_year - 1970).astype("datetime64[Y]").astype("datetime64[D]") + rng.integers(0, 365, n_albums)
    days = np.minimum(days, np.datetime64("2024-12-31"))
    precision = rng.random(n_albums)
    year_only = precision < np.where(album_year < 1995, 0.25, 0.03)
    month_only = ~year_only & (precision > 0.99)
    if n_albums >= 3:  # every precision at least once
        year_only[0], month_only[0] = True, False
        year_only[1], month_only[1] = False, True
    release_date = np.datetime_as_string(days, unit="D").astype(object)
    release_date[month_only] = np.datetime_as_string(days[month_only].astype("datetime64[M]"), unit="M")
    release_date[year_only] = np.datetime_as_string(days[year_only].astype("datetime64[Y]"), unit="Y")

    type_draw = rng.random(n_albums)
    # single / album / compilation shares for albums of 1, 2-6 and 7+ library tracks
    single_p = np.select([album_size == 1, album_size <= 6], [0.75, 0.35], 0.0)
    album_p = np.select([album_size == 1, album_size <= 6], [0.20, 0.58], 0.88)
    album_type = np.where(
        type_draw < single_p, "single", np.where(type_draw < single_p + album_p, "album", "compilation")
    ).astype(object)
    is_single = album_type == "single"
    total_tracks = np.where(
        is_single, np.maximum(album_size, rng.integers(1, 5, n_albums)),
        np.maximum(album_size, rng.integers(8, 25, n_albums)),
    )
    album_pop = np.clip(
        np.round(artist_pop[album_artist_id] - 6 + rng.normal(0, 9, n_albums) - 0.2 * (2024 - album_year)), 0, 100
    ).astype(np.int64)
    album_image_hash = _hex(rng, n_albums)
    album_image = _prefixed(IMAGE_HOST + ALBUM_IMAGE_PREFIX, album_image_hash)
    album_label = _labels(rng, n, A, n_albums, album_artist_id, album_year, artist_name)

    # Track names by the primary artist's locale; classical genres get classical titles.
    track_locale = locale[primary]
    track_genre = first_genre[primary]
    track_name = np.empty(n, dtype=object)
    classical = genres.classical[track_genre] & (rng.random(n) < 0.9)
    for loc in range(len(LOCALES)):
        idx = np.flatnonzero((track_locale == loc) & ~classical)
        if idx.size:
            track_name[idx] = _titles(rng, loc, idx.size)
    idx = np.flatnonzero(classical)
    if idx.size:
        track_name[idx] = _classical_title(rng, idx.size)

    # Credits: about 20% of tracks have 2 or 3 artists.
    credit_p = track_count**0.5 / (track_count**0.5).sum()
    n_credits = np.ones(n, dtype=np.int64)
    if A >= 2:
        multi = rng.random(n) < 0.2
        n_credits[multi] = 2
        if A >= 3:
            n_credits[multi & (rng.random(n) < 0.25)] = 3
    second = rng.choice(A, size=n, p=credit_p)
    clash = second == primary
    second[clash] = (primary[clash] + 1 + rng.integers(0, max(A - 1, 1), clash.sum())) % A
    third = rng.choice(A, size=n, p=credit_p)
    for _ in range(100):
        clash = (third == primary) | (third == second)
        if not clash.any() or A < 3:
            break
        third[clash] = rng.integers(0, A, clash.sum())
    feat = (n_credits >= 2) & (rng.random(n) < 0.35) & ~classical
    track_name[feat] = track_name[feat] + " (feat. " + artist_name[second[feat]] + ")"

    # Ghost credits: a few artists that artists.csv lacks, credited after the tracks' artists.
    n_ghost_artists = min(n, max(3, round(n * 0.002)))
    ghost_tracks = rng.choice(np.flatnonzero(n_credits <= 2) if (n_credits <= 2).sum() >= n_ghost_artists
                              else np.arange(n), size=n_ghost_artists, replace=False)
    artist_ids = _spotify_ids(rng, A + n_ghost_artists)
    artist_uri_all = _prefixed("spotify:artist:", artist_ids)
    artist_rank = _rank(artist_ids)

    credit_track = [np.arange(n)]
    credit_artist = [primary]
    credit_index = [np.zeros(n, dtype=np.int64)]
    for k, who in ((1, second), (2, third)):
        idx = np.flatnonzero(n_credits > k)
        credit_track.append(idx)
        credit_artist.append(who[idx])
        credit_index.append(np.full(idx.size, k, dtype=np.int64))
    credit_track.append(ghost_tracks)
    credit_artist.append(A + np.arange(n_ghost_artists))
    credit_index.append(n_credits[ghost_tracks])
    credit_track = np.concatenate(credit_track)
    credit_artist = np.concatenate(credit_artist)
    credit_index = np.concatenate(credit_index)

    # Track attributes.
    g_explicit = genres.explicit[track_genre]
    explicit = rng.random(n) < g_explicit
    duration = np.clip(
        genres.duration[track_genre] * np.exp(rng.normal(0, np.where(genres.classical[track_genre], 0.55, 0.22))),
        35, 1800,
    )
    duration_ms = np.round(duration * 1000).astype(np.int64)
    duration_ms[rng.random(n) < 0.3] //= 1000  # many durations are whole seconds
    duration_ms[duration_ms < 35000] *= 1000
    track_pop = np.clip(
        np.round(album_pop[album_of] + rng.normal(0, 10, n) - 25 * genres.classical[track_genre]), 0, 100
    ).astype(np.int64)
    isrc_codes = np.zeros((n, 12), dtype=np.uint32)
    isrc_codes[:, 0:2] = country[primary]
    isrc_codes[:, 2:5] = registrant[primary]
    yy = album_year[album_of] % 100
    isrc_codes[:, 5] = ord("0") + yy // 10
    isrc_codes[:, 6] = ord("0") + yy % 10
    isrc_codes[:, 7:12] = ord("0") + rng.integers(0, 10, (n, 5))
    isrc = _codes_to_str(isrc_codes).astype(object)

    # Liked tracks: about 40%, more likely for some artists and genres.
    logit = like_effect[primary] + rng.normal(0, 0.5, G)[track_genre]
    lo, hi = -10.0, 10.0
    for _ in range(50):  # the offset that makes 40% the expected share
        mid = (lo + hi) / 2
        if _sigmoid(logit + mid).mean() < 0.4:
            lo = mid
        else:
            hi = mid
    liked = rng.random(n) < _sigmoid(logit + lo)

    # Audio features around the primary artist's first genre.
    centre = genres.centre[track_genre] + rng.normal(0, 0.04, (A, 7))[primary]
    centre = np.clip(centre, 0.02, 0.98)
    dance = _round(np.clip(centre[:, 0] + rng.normal(0, 0.09, n), 0.05, 0.99), 3)
    energy_raw = np.clip(centre[:, 1] + rng.normal(0, 0.1, n), 0.005, 1.0)
    energy = _round(energy_raw, 3)
    speech = _round_sig3(np.clip(_sigmoid(_logit(centre[:, 2]) + rng.normal(0, 0.45, n)), 0.022, 0.96))
    acoustic = _round_sig3(_sigmoid(_logit(centre[:, 3]) + rng.normal(0, 1.1, n)))
    vocal = centre[:, 4] < 0.15
    instr = _sigmoid(_logit(centre[:, 4]) + rng.normal(0, 1.0, n) * np.where(vocal, 2.2, 1.2))
    instr[vocal & (rng.random(n) < 0.5)] = 0.0
    instr = _round_sig3(instr)
    live = _sigmoid(_logit(centre[:, 5]) + rng.normal(0, 0.5, n))
    is_live = rng.random(n) < 0.06
    live[is_live] = rng.uniform(0.6, 0.98, is_live.sum())
    live = _round_sig3(live)
    valence = _round(np.clip(centre[:, 6] + rng.normal(0, 0.12, n), 0.02, 0.99), 3)
    loudness = _round(np.clip(-28 + 24 * energy_raw + rng.normal(0, 1.8, n), -34, -1.2), 3)
    tempo = genres.tempo[track_genre] + rng.normal(0, 14, n)
    tempo = np.where(rng.random(n) < 0.05, tempo * 1.5, tempo)
    tempo = _round(np.clip(tempo, 60, 200), 3)
    key = rng.integers(0, 12, n)
    key[rng.random(n) < 0.004] = -1
    mode = (rng.random(n) < 0.64).astype(np.int64)
    three = np.where(genres.classical[track_genre], 0.2, 0.06)
    ts_draw = rng.random(n)
    time_signature = np.where(ts_draw < three, 3, np.where(ts_draw > 0.975, 5, 4))
    has_features = np.ones(n, dtype=bool)
    has_features[rng.choice(n, size=max(1, round(n * 0.005)) if n >= 20 else 0, replace=False)] = False

    # --- playlists ---------------------------------------------------------------------------------
    P = max(8, round(n / 300))
    smax = float(np.clip(0.3 * n, 20, 2000))
    q = (rng.permutation(P) + rng.random(P)) / P
    pl_size = np.minimum(np.round(np.exp(np.log(5) + q * (np.log(smax) - np.log(5)))).astype(np.int64), n)
    by_genre = np.argsort(track_genre, kind="stable")
    genre_start = np.searchsorted(track_genre[by_genre], np.arange(G + 1))
    genre_tracks = np.bincount(track_genre, minlength=G).astype(float)
    liked_idx = np.flatnonzero(liked)
    pl_tracks: list[np.ndarray] = []
    pl_name: list[str] = []
    pl_native: list[bool] = []
    for p in range(P):
        kind = rng.choice(3, p=[0.55, 0.25, 0.2])
        size = int(pl_size[p])
        native = False
        if kind == 0:
            g = int(rng.choice(G, p=genre_tracks / genre_tracks.sum()))
            pool = by_genre[genre_start[g]:genre_start[g + 1]]
            main = pool[rng.choice(pool.size, size=min(pool.size, round(size * 0.85)), replace=False)]
            if genres.locale[g] in NON_LATIN and rng.random() < 0.5:
                name = str(_titles(rng, int(genres.locale[g]), 1)[0])
                native = True
            else:
                name = str(genres.names[g]).title() + PLAYLIST_SUFFIX[rng.integers(len(PLAYLIST_SUFFIX))]
        elif kind == 1:
            pool = liked_idx if liked_idx.size else np.arange(n)
            main = pool[rng.choice(pool.size, size=min(pool.size, size), replace=False)]
            name = str(_pick(rng, EN_ADJ, 1)[0]) + " " + str(_pick(rng, EN_NOUNS, 1)[0])
        else:
            main = np.empty(0, dtype=np.int64)
            name = PLAYLIST_MOOD[rng.integers(len(PLAYLIST_MOOD))]
            name += f" {rng.integers(2008, 2025)}" if rng.random() < 0.4 else ""
        extra = rng.choice(n, size=min(n, size - main.size + 3), replace=False)
        chosen = pd.unique(np.concatenate([main, extra]))[:size]
        pl_tracks.append(rng.permutation(chosen))
        pl_name.append(name)
        pl_native.append(native)
    if not any(pl_native):  # at least one playlist named in a non-Latin script
        p = int(rng.integers(P))
        pl_name[p] = str(_native_titles(int(rng.choice(NON_LATIN)))(rng, 1)[0])
    pl_len = np.array([t.size for t in pl_tracks])
    entry_playlist = np.repeat(np.arange(P), pl_len)
    entry_track = np.concatenate(pl_tracks)
    entry_pos = np.concatenate([np.arange(k, dtype=float) for k in pl_len])
    n_ghost_tracks = max(3, round(entry_track.size * 0.002))
    ghost_pl = rng.integers(0, P, n_ghost_tracks)
    entry_playlist = np.concatenate([entry_playlist, ghost_pl])
    entry_track = np.concatenate([entry_track, n + np.arange(n_ghost_tracks)])
    entry_pos = np.concatenate([entry_pos, rng.random(n_ghost_tracks) * pl_len[ghost_pl] - 0.5])

    pl_image = np.empty(P, dtype=object)
    for p in range(P):
        albums = pd.unique(album_of[pl_tracks[p]])[:4]
        hashes = album_image_hash[albums].astype("U")
        if albums.size == 4:
            pl_image[p] = MOSAIC_HOST + "".join(ALBUM_IMAGE_PREFIX + h for h in hashes)
        else:
            pl_image[p] = IMAGE_HOST + ALBUM_IMAGE_PREFIX + hashes[0]
    playlist_ids = _spotify_ids(rng, P)
    playlist_uri = _prefixed("spotify:playlist:", playlist_ids)
    playlist_rank = _rank(playlist_ids)

    # --- URIs and the faults ---------------------------------------------------------------------
    track_ids = _spotify_ids(rng, n + n_ghost_tracks)
    track_uri_all = _prefixed("spotify:track:", track_ids)
    track_rank = _rank(track_ids)
    album_ids = _spotify_ids(rng, n_albums)
    album_uri = _prefixed("spotify:album:", album_ids)
    album_rank = _rank(album_ids)
    # A few albums the export lacks (their tracks keep pointing at them).
    n_missing = min(max(0, n_albums - 1), max(3, round(n_albums * 0.002)))
    album_kept = np.ones(n_albums, dtype=bool)
    album_kept[rng.choice(n_albums, size=n_missing, replace=False)] = False

    # Album names: a single is named after its first track; others get titles of their own.
    album_name = track_name[album_first].copy()
    other = np.flatnonzero(~is_single)
    album_locale = locale[album_artist_id]
    for loc in range(len(LOCALES)):
        idx = other[album_locale[other] == loc]
        if idx.size:
            album_name[idx] = _titles(rng, loc, idx.size)
    decorate = other[rng.random(other.size) < 0.15]
    album_name[decorate] = album_name[decorate] + _pick(
        rng, _words(" (Deluxe Edition)| (Expanded Edition)| Vol. 2| [Remastered]| (Original Soundtrack)| (Live)"),
        decorate.size,
    )

    # Album credits: the album's artist, and for some albums a second one.
    second_album_artist = rng.choice(A, size=n_albums, p=credit_p)
    add_second = (A >= 2) & ((album_type == "compilation") | (rng.random(n_albums) < 0.04))
    add_second &= second_album_artist != album_artist_id
    aa_album = np.concatenate([np.arange(n_albums), np.flatnonzero(add_second)])
    aa_artist = np.concatenate([album_artist_id, second_album_artist[add_second]])
    aa_keep = album_kept[aa_album]
    aa_album, aa_artist = aa_album[aa_keep], aa_artist[aa_keep]

    # --- write -------------------------------------------------------------------------------------
    counts: dict[str, int] = {}
    order = np.argsort(track_rank[:n], kind="stable")
    counts["tracks"] = _write(out_dir, "tracks", pd.DataFrame({
        "name": track_name[order],
        "popularity": track_pop[order],
        "explicit": explicit[order],
        "duration_ms": duration_ms[order],
        "uri": track_uri_all[order],
        "album_uri": album_uri[album_of[order]],
        "isrc": isrc[order],
    }))
    kept = np.flatnonzero(album_kept)
    order = kept[np.argsort(album_rank[kept], kind="stable")]
    counts["albums"] = _write(out_dir, "albums", pd.DataFrame({
        "name": album_name[order],
        "album_type": album_type[order],
        "label": album_label[order],
        "popularity": album_pop[order],
        "total_tracks": total_tracks[order],
        "release_date": release_date[order],
        "uri": album_uri[order],
        "image_url": album_image[order],
    }))
    order = np.argsort(artist_rank[:A], kind="stable")
    counts["artists"] = _write(out_dir, "artists", pd.DataFrame({
        "name": artist_name[order],
        "uri": artist_uri_all[order],
        "popularity": artist_pop[order],
        "followers": followers[order],
        "image_url": artist_image[order],
    }))
    with_features = np.flatnonzero(has_features)
    order = with_features[np.argsort(track_rank[with_features], kind="stable")]
    counts["audio_features"] = _write(out_dir, "audio_features", pd.DataFrame({
        "danceability": dance[order],
        "energy": energy[order],
        "key": key[order],
        "loudness": loudness[order],
        "mode": mode[order],
        "speechiness": speech[order],
        "acousticness": acoustic[order],
        "instrumentalness": instr[order],
        "liveness": live[order],
        "valence": valence[order],
        "tempo": tempo[order],
        "time_signature": time_signature[order],
        "track_uri": track_uri_all[order],
    }))
    order = np.lexsort((credit_index, track_rank[credit_track]))
    counts["track_artist"] = _write(out_dir, "track_artist", pd.DataFrame({
        "track_uri": track_uri_all[credit_track[order]],
        "artist_uri": artist_uri_all[credit_artist[order]],
        "artist_index": credit_index[order],
    }))
    order = np.lexsort((artist_rank[aa_artist], album_rank[aa_album]))
    counts["album_artist"] = _write(out_dir, "album_artist", pd.DataFrame({
        "album_uri": album_uri[aa_album[order]],
        "artist_uri": artist_uri_all[aa_artist[order]],
    }))
    ga = genre_pairs["artist"].to_numpy()
    gg = genre_pairs["genre"].to_numpy()
    order = np.lexsort((genre_pairs["position"].to_numpy(), artist_rank[ga]))
    counts["artist_genre"] = _write(out_dir, "artist_genre", pd.DataFrame({
        "artist_uri": artist_uri_all[ga[order]],
        "genre": genres.names[gg[order]],
    }))
    liked_tracks = np.flatnonzero(liked)
    order = liked_tracks[np.argsort(track_rank[liked_tracks], kind="stable")]
    counts["liked_tracks"] = _write(out_dir, "liked_tracks", pd.DataFrame({"track_uri": track_uri_all[order]}))
    order = np.argsort(playlist_rank, kind="stable")
    counts["playlists"] = _write(out_dir, "playlists", pd.DataFrame({
        "name": np.array(pl_name, dtype=object)[order],
        "collaborative": (rng.random(P) < 0.05)[order],
        "public": (rng.random(P) < 0.75)[order],
        "uri": playlist_uri[order],
        "image_url": pl_image[order],
    }))
    order = np.lexsort((entry_pos, playlist_rank[entry_playlist]))
    counts["playlist_track"] = _write(out_dir, "playlist_track", pd.DataFrame({
        "playlist_uri": playlist_uri[entry_playlist[order]],
        "track_uri": track_uri_all[entry_track[order]],
    }))
    return counts


def _labels(
    rng: np.random.Generator,
    n: int,
    A: int,
    n_albums: int,
    album_artist: np.ndarray,
    album_year: np.ndarray,
    artist_name: np.ndarray,
) -> np.ndarray:
    """The label text of each album, in the many spellings a real export has."""
    # Base label names, most common first; some already end in a company word ("Entertainment").
    L = int(np.clip(round(n / 40), 20, 20000))
    m = 3 * L + 200
    two_words = rng.random(m) < 0.3
    stem = np.where(
        two_words,
        _pick(rng, EN_ADJ, m) + " " + _pick(rng, EN_NOUN, m),
        _pick(rng, LABEL_PREFIX, m) + _pick(rng, LABEL_SUFFIX, m),
    )
    kind = rng.choice(len(LABEL_TYPE), size=m, p=LABEL_TYPE_P / LABEL_TYPE_P.sum())
    candidates = stem + LABEL_TYPE[kind]
    first = np.flatnonzero(~pd.Series(candidates).duplicated().to_numpy())[:L]
    base, typed = candidates[first], kind[first] > 0
    L = base.size
    label_weight = 1.0 / (np.arange(L) + 1.5) ** 1.05
    label_weight /= label_weight.sum()

    # Each artist has a home label; an album uses it three times in four.
    home = rng.choice(L, size=A, p=label_weight)
    which = np.where(rng.random(n_albums) < 0.75, home[album_artist], rng.choice(L, size=n_albums, p=label_weight))
    partner = rng.choice(L, size=n_albums, p=label_weight)

    # Spellings: 0 plain, 1 Records, 2 Music, 3 Records LLC, 4 Music Ltd., 5 Ltd., 6 year prefix,
    # 7 distributed through, 8 Inc., 9 Records Label, 10 LLC.  A name that already ends in a
    # company word is not given another one ("Foo Entertainment Records").
    spelling_p = np.array([0.36, 0.24, 0.1, 0.05, 0.03, 0.04, 0.08, 0.03, 0.03, 0.03, 0.01])
    spelling = rng.choice(spelling_p.size, size=n_albums, p=spelling_p)
    spelling = np.where(typed[which], np.array([0, 0, 0, 10, 5, 5, 6, 7, 8, 0, 10])[spelling], spelling)
    partner_spelling = np.where(typed[partner], 0, rng.choice(3, size=n_albums, p=[0.5, 0.3, 0.2]))
    # Several labels in one text: 0 none, 1 "A, B", 2 "A/B", 3 "A / B"
    joiner = np.where(rng.random(n_albums) < 0.1, rng.choice([1, 2, 3], size=n_albums, p=[0.6, 0.2, 0.2]), 0)
    joiner[partner == which] = 0
    empty = rng.random(n_albums) < 0.015

    # Make sure every spelling and joiner occurs at least once, on distinct albums.
    forced = rng.permutation(n_albums)
    untyped = np.flatnonzero(~typed)
    slot = 0
    for s in range(1, spelling_p.size):
        if slot < n_albums and untyped.size:
            a = forced[slot]
            spelling[a], joiner[a], empty[a] = s, 0, False
            which[a] = untyped[rng.integers(0, min(untyped.size, 5))]
            slot += 1
    for j in (1, 2, 3):
        if slot < n_albums and L > 1:
            a = forced[slot]
            joiner[a], empty[a] = j, False
            partner[a] = (which[a] + 1) % L if partner[a] == which[a] else partner[a]
            slot += 1
    if slot < n_albums:
        empty[forced[slot]] = True

    names = base[which]
    year = _num(album_year)
    text = np.empty(n_albums, dtype=object)
    forms = {
        0: lambda b, y: b,
        1: lambda b, y: b + " Records",
        2: lambda b, y: b + " Music",
        3: lambda b, y: b + " Records LLC",
        4: lambda b, y: b + " Music Ltd.",
        5: lambda b, y: b + " Ltd.",
        6: lambda b, y: y + " " + b,
        7: lambda b, y: "distributed through " + b + np.where(typed[which[spelling == 7]], "", " Records"),
        8: lambda b, y: b + " Inc.",
        9: lambda b, y: b + " Records Label",
        10: lambda b, y: b + " LLC",
    }
    for s, form in forms.items():
        idx = np.flatnonzero(spelling == s)
        if idx.size:
            text[idx] = form(names[idx], year[idx])
    partner_text = np.where(
        partner_spelling == 0,
        base[partner],
        np.where(partner_spelling == 1, base[partner] + " Records", base[partner] + " Music"),
    )
    for j, sep in ((1, ", "), (2, "/"), (3, " / ")):
        idx = np.flatnonzero(joiner == j)
        text[idx] = text[idx] + sep + partner_text[idx]

    # Artist imprints ("Republic Records - <artist>") for a few of the biggest artists.
    n_imprint = min(A, max(1, round(A**0.5 / 4))) if A >= 2 else 0
    imprint_artists = rng.choice(min(A, max(20, A // 100)), size=n_imprint, replace=False)
    imprint = np.isin(album_artist, imprint_artists) & (rng.random(n_albums) < 0.8)
    imprint[forced[: slot + 1]] = False
    text[imprint] = ARTIST_IMPRINT + artist_name[album_artist[imprint]]
    text[empty] = ""
    return text


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description="Write a synthetic music library in the normalised Spotify CSV layout."
    )
    parser.add_argument("out_dir", type=pathlib.Path, help="folder to write the ten CSV files into")
    parser.add_argument("--tracks", type=int, default=DEMO_TRACKS, help=f"number of tracks (default {DEMO_TRACKS})")
    parser.add_argument("--seed", type=int, default=DEMO_SEED, help=f"random seed (default {DEMO_SEED})")
    args = parser.parse_args(argv)
    counts = generate_library(args.out_dir, args.tracks, args.seed)
    for name, count in counts.items():
        print(f"{name}: {count}")


if __name__ == "__main__":
    main()
