"""English word lists the checks share: reporting verbs, what makes a noun
phrase a person or an organisation, places and nationalities.

Kept as plain sets so a reviewer can extend them without touching logic.
"""
from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Reporting verbs, by form. Multi-word ones ("pointed out") are in REPORTING_PHRASES.
REPORTING_VERBS = _words(
    """said says say added adds explained explains noted notes urged urges advised advises stressed stresses
    emphasized emphasised emphasizes emphasises warned warns announced announces reported reports told tells
    claimed claims insisted insists argued argues stated states revealed reveals disclosed discloses
    confirmed confirms denied denies mentioned mentions predicted predicts estimated estimates criticized
    criticised criticizes asserted asserts acknowledged acknowledges suggested suggests observed observes
    commented comments remarked remarks replied replies responded responds declared declares indicated
    indicates concluded concludes wrote writes asked asks cautioned cautions underscored underlined
    highlighted highlights recalled recalls affirmed reiterated reiterates maintained maintains agreed
    complained complains admitted admits quoted described describes defined defines called saying adding
    explaining noting stressing emphasizing warning citing"""
)
REPORTING_PHRASES = ("pointed out", "points out", "point out", "called on", "called for")
# The plain forms "they" takes that REPORTING_VERBS lacks ("They claim ...", "..., they confirm."): the
# attribution check reads them after a pronoun. Kept apart because the garbled set's selector reads
# REPORTING_VERBS, and its sets are frozen.
PLURAL_REPORTING_VERBS = _words(
    """report claim confirm deny announce state warn note add explain tell urge advise stress insist argue
    reveal disclose mention predict estimate criticize criticise assert acknowledge suggest observe comment
    remark reply respond declare indicate conclude write ask caution highlight recall reiterate maintain
    complain admit describe"""
)
# Forms that name a speech act only with a that-clause, a quote or a colon after them
# ("added that", not "added two companies to the list").
NEEDS_COMPLEMENT = _words("added adds adding add defined defines described describes describe called noted notes note")

# Words between a subject and its reporting verb: "He also explained", "the ministry has said".
VERB_ADVERBS = _words(
    """also then further later earlier previously recently reportedly once again repeatedly had has have was
    were is are would will could may might did does do has also then further however too still even
    specifically particularly additionally clearly publicly separately"""
)

# Heads of organisation, publication and document noun phrases.
ORG_HEADS = _words(
    """department ministry government administration agency office bureau council committee commission
    court tribunal parliament congress senate assembly legislature cabinet newspaper paper daily magazine
    journal broadcaster network station channel wire service times post herald tribune gazette news press
    television radio tv report statement communique communiqué announcement study survey poll document
    letter article editorial release study analysis research website site organization organisation
    association federation union institute institution foundation society party regime military army navy
    force forces police company corporation corp firm group bank fund board authority authorities
    embassy mission consulate delegation panel team club league university college school hospital
    laboratory center centre program programme unit command headquarters secretariat presidency
    ministry's inc ltd llc co plc trading industries holdings enterprise enterprises alliance coalition
    organisation observatory commissariat directorate kcna yonhap xinhua reuters afp ap bloomberg nhk
    kyodo cnn bbc voa rfa interfax tass itar-tass ria rodong sinmun pentagon kremlin prosecution church
    automaker carmaker airline carrier manufacturer maker retailer insurer lender chipmaker airframer
    conglomerate regulator watchdog charity exchange utility startup studio giant
    motors airways technologies electronics pharmaceuticals communications telecom petroleum"""
)
# Organisations that English refers to as "they" (so "They said" after them is fine).
PLURAL_ORGS = _words("police authorities forces military army navy team")
# Named speakers that are organisations without an organisation head word.
ORG_NAMES = _words(
    """Reuters AFP AP Yonhap Xinhua KCNA NHK Kyodo CNN BBC VOA RFA Interfax TASS Bloomberg Pentagon Kremlin
    Seoul Pyongyang Washington Beijing Tokyo Moscow Brussels Cheong Wa Dae UN U.N. NATO EU IAEA WHO IMF
    OFAC FBI CIA NSA OPEC ASEAN Congress Parliament Interpol Greenpeace Amnesty Google Apple Samsung Microsoft
    Airbus Boeing Embraer Bombardier Toyota Honda Nissan Hyundai Kia Ford Chrysler Fiat Volkswagen BMW Renault
    Peugeot Tesla Sony Nintendo Intel IBM Amazon Facebook Twitter Yahoo Nokia Ericsson Siemens Philips Huawei
    Alibaba Tencent Baidu IKEA Ikea Nestle Nestlé Unilever Pfizer Novartis Gazprom Rosneft Exxon ExxonMobil
    Chevron Walmart Wal-Mart Netflix Disney Uber Qantas Lufthansa Ryanair Citigroup Barclays HSBC"""
)
# Acronyms that name no organisation: "GDP", "HIV", "CEO".
THING_ACRONYMS = _words(
    """GDP GNP GNI CPI PPP HIV AIDS SARS MERS DNA RNA CEO CFO COO CTO MP MPs PM PDF SUV UFO ATM IPO VAT USD EUR
    GBP JPY KRW RMB TV DVD CD PC GPS SMS URL WMD ICBM SLBM UAV LNG LPG CO2 AI IT IQ ID PhD MBA NBA NFL"""
)
# Last words that end a company's name only when capitalised ("Mahan Air", "Air France" aside); "Airlines"
# and "Airways" are organisation heads already (ORG_HEADS: airline, airways).
CAPITALISED_ORG_ENDS = _words("Air Express Records Studios Pictures AG GmbH SA")

# Person nouns: a phrase headed by one of these is a person (or people).
MALE_NOUNS = _words(
    """man boy father son husband brother uncle king prince emperor spokesman chairman congressman businessman
    actor gentleman grandfather nephew monk sir lord duke policeman fisherman salesman"""
)
FEMALE_NOUNS = _words(
    """woman girl mother daughter wife sister aunt queen princess empress spokeswoman chairwoman congresswoman
    businesswoman actress lady grandmother niece nun madam policewoman"""
)
PERSON_NOUNS = MALE_NOUNS | FEMALE_NOUNS | _words(
    """spokesperson official coordinator administrator rapporteur minister president secretary ambassador
    director chairperson reporter correspondent analyst expert professor researcher scientist worker teacher
    student doctor lawyer attorney judge officer soldier member manager executive ceo founder owner author writer journalist
    sportswriter columnist commentator blogger nominee superintendent inspector constable
    editor singer player coach driver victim suspect witness resident citizen defector diplomat envoy
    negotiator lawmaker legislator senator governor mayor candidate priest pastor commander general pilot
    farmer patient survivor friend neighbor neighbour person individual prosecutor detective investigator
    engineer economist historian activist adviser advisor aide deputy colleague boss employee staffer
    inventor astronaut physicist chemist biologist psychologist psychiatrist gynecologist surgeon nurse
    architect artist musician composer director producer chef vice-president premier chancellor
    commissioner representative delegate observer source insider official leader captain sergeant
    lieutenant colonel major admiral marshal pope cardinal bishop rabbi imam ruler dictator dissident
    refugee migrant immigrant laborer labourer defendant plaintiff inmate prisoner hostage tourist
    visitor traveler traveller passenger customer consumer voter fan supporter critic opponent rival
    partner manager worker counselor counsellor consultant specialist official attache attaché chief
    secretary-general"""
)
# A plural person noun: "officials said", "managers said".
PLURAL_PERSON_NOUNS = frozenset(
    {w + "s" for w in PERSON_NOUNS if not w.endswith(("s", "man", "woman", "person", "child"))}
    | {w + "es" for w in PERSON_NOUNS if w.endswith(("ss", "sh", "ch"))}  # "witnesses"
    | _words("men women people children persons spokesmen chairmen businessmen policemen fishermen families "
             "relatives parents")
)
# Titles before a name: "Mr. Kim", "President Bush", "Gen. Brooks".
MALE_TITLES = _words("Mr. Mr Sir Lord King Prince Emperor Father Brother Pope Monsignor")
FEMALE_TITLES = _words("Ms. Ms Mrs. Mrs Miss Madam Madame Queen Princess Lady Sister Mme.")
TITLES = MALE_TITLES | FEMALE_TITLES | _words(
    """Dr. Dr Prof. Prof Professor President Vice Premier Minister Secretary Senator Sen. Rep.
    Representative Gov. Governor Mayor Gen. General Lt. Lieutenant Col. Colonel Maj. Major Capt. Captain
    Sgt. Sergeant Adm. Admiral Ambassador Chairman Chairwoman Chancellor Judge Justice Rev. Reverend
    Bishop Cardinal Rabbi Imam Commissioner Director Coach Chief Officer Detective Inspector Deputy
    Reporter Correspondent Spokesman Spokeswoman Leader Dictator Marshal Councilor Councillor
    Assemblyman Congressman Congresswoman Lawmaker Rep Cmdr. Commander Superintendent Constable
    Secretary-General"""
)


# Days and months: capitalised, and no names of anyone or anywhere.
CALENDAR = _words(
    """Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July
    August September October November December"""
)
# Capitalised words that are not personal names: places, nationalities, calendar words.
PLACES = CALENDAR | _words(
    """Korea Korean Koreans North South East West Far Middle Near Asia Asian Europe European America American
    Americans Africa African Pacific Atlantic Arctic Russia Russian Russians China Chinese Japan Japanese
    Taiwan Taiwanese Mongolia Mongolian Vietnam Vietnamese Thailand Thai Laos Cambodia Myanmar Burma
    Malaysia Singapore Indonesia Indonesian Philippines Filipino India Indian Pakistan Pakistani
    Afghanistan Afghan Iran Iranian Iraq Iraqi Syria Syrian Israel Israeli Palestinian Lebanon Jordan
    Egypt Egyptian Saudi Arabia Arab Arabian Yemen Turkey Turkish Ukraine Ukrainian Belarus Poland Polish
    Germany German Germans France French Britain British Britons England English Scotland Ireland Irish
    Italy Italian Spain Spanish Portugal Greece Greek Sweden Swedish Norway Finland Denmark Netherlands
    Dutch Belgium Switzerland Swiss Austria Austrian Hungary Czech Romania Canada Canadian Mexico Mexican
    Brazil Brazilian Argentina Chile Peru Venezuela Colombia Cuba Cuban Australia Australian Zealand
    Vladivostok Pyongyang Seoul Tokyo Beijing Shanghai Moscow Washington London Paris Berlin Geneva
    New York York Los Angeles Hong Kong Kaesong Busan Incheon Jeju Gyeonggi Gangwon Lausanne Switzerland
    Jerusalem Baghdad Tehran Kabul Cairo Delhi Texas California Virginia Florida Nanjing Adelaide
    Melbourne Sydney Colorado Boulder Giza Sderot Livermore Siberia Crimea Manchuria Dandong Sinuiju
    Gulf Sea Ocean River Mountain Mount Island Islands Peninsula Province City County State States
    United Republic Kingdom Union Federation Democratic People's Peoples Islamic Federal National
    Christmas Easter Olympics Olympic Games World War Cold
    Internet InterNet God Lord Christian Muslim Muslims Islam Jewish Jew Jews Buddhist Catholic Protestant
    English Korean Celsius Fahrenheit Covid COVID Corona Coronavirus"""
)
# Capitalised words that open a sentence without starting a name.
NON_NAME_WORDS = _words(
    """The A An This That These Those It Its He She They We I You His Her Their Our My Your But And Or So
    If When While After Before Since Although Though Because As In On At For From With Without Under Over
    By To Of About Earlier Later Meanwhile However Also Then Now Last Next Yesterday Today Tomorrow
    According Citing Despite During Between Among Another Other Some Many Most More Few Each Every All Both
    Such Not No Yes There Here What Which Who Whom Whose Where Why How Mr Ms Mrs Dr Prof Reporter Former
    New Old First Second Third One Two Three Four Five Six Seven Eight Nine Ten Still Even Just Only
    Instead Moreover Furthermore Besides Nevertheless Thus Therefore Hence Indeed Finally Overall
    Recently Previously Currently Once Again Although Whether Unlike Like Until Unless Amid Against
    Through Throughout Toward Towards Upon Within Let Please Thank Thanks Oh Well"""
)
