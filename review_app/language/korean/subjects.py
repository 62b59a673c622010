"""Who speaks in a Korean sentence: the subject of its reporting verb (말했다, 밝혔다, 설명했다, ...),
read with kiwipiepy's morphemes.

Korean news names the speaker as a topic or subject noun phrase (국무부는, 김 장관이, 대변인께서) or
leaves it out once the reader knows it; the English MT then writes "He said". For each sentence
``reporting_subjects`` gives the speaker's kind: an organisation (부 청 처 원 위원회 은행 법원 검찰
일보 신문 통신 방송 사 당 ... or a body of the starter table), a person (a name, 씨, 장관, 대변인,
대통령 ...), a pronoun (그, 그녀: the English he/she is right), dropped (none: the context decides),
or none (the sentence reports nothing).
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from .analyser import kiwi

ORG, PERSON, PRONOUN, OTHER, DROPPED, NOT_REPORTING = "org", "person", "pronoun", "other", "dropped", "none"

# Stems of reporting verbs (the verb or the noun before 하다).
REPORTING_STEMS = frozenset(
    """말하 밝히 설명 덧붙이 강조 지적 전하 보도 주장 발표 언급 경고 촉구 전망 분석 평가 강조하 답하 답변 말 하
    말씀 설명하 언급하 주장하 발표하 보도하 경고하 지적하 촉구하 예상 예측 관측 시사 확인 부인 시인 해명 반박 권고 요구
    비판 우려 논평 증언 보고 통보 공지 공개 알리 묻 질문 인정 제안 약속 다짐 공언 역설 호소 선포 공표""".split()
)
_QUOTATIVE_ENDINGS = ("다고", "라고", "냐고", "자고", "으라고", "이라고", "다며", "라며", "고")
# Korean media and what they publish ("연합뉴스", "조선일보", "성명"), and loanword heads of foreign media
# ("애플 데일리", "사우스 차이나 모닝 포스트", "코리안 해럴드").
KOREAN_MEDIA = ("통신", "일보", "신문", "방송", "언론", "뉴스", "보고서", "성명", "보도")
MEDIA_LOANWORDS = ("데일리", "포스트", "타임스", "타임즈", "헤럴드", "해럴드", "저널", "프레스", "어소시에이션", "텔레그래프",
                   "가디언", "트리뷴", "가제트", "뉴스", "사이트", "웹사이트", "센터", "에이전시", "통신사")
ORG_SUFFIXES = ("언론", "보고서", "보도", "성명", "민병대", "부대", "위원회", "은행", "법원", "검찰", "일보", "신문", "통신", "방송", "뉴스", "공사", "공단", "재단", "협회",
                "연구소", "연구원", "기구", "정부", "당국", "의회", "국회", "군", "부", "청", "처", "원", "사", "당",
                "실", "국", "소", "청와대", "백악관", "경찰")
PERSON_NOUNS = frozenset(
    """씨 장관 차관 대변인 대통령 총리 부총리 의원 대사 교수 기자 관계자 위원장 회장 사장 대표 총장 국장 청장 원장
    실장 처장 장군 사령관 국무장관 재무장관 특파원 연구원 전문가 박사 변호사 검사 판사 의사 선수 감독 주석 국왕 여왕
    왕 씨는 여사 군 양 측 소장 부장 차장 팀장 당국자 고위 관리 관료 소식통 대변인실 남성 여성 남자 여자 사람 주민 승려
    승객 의사 간호사 목격자 시민 학생 경찰관 담당자 책임자 연구진 연구자""".split()
) - {"군", "측"}
PRONOUNS = frozenset("그 그녀 그들 그녀들".split())


@dataclass(frozen=True)
class KoreanSubject:
    kind: str  # ORG, PERSON, PRONOUN, OTHER, DROPPED or NOT_REPORTING
    noun: str = ""  # the subject noun phrase as written, without its particle ("미 국무부")


# Sentence ends, and the stems a reporting sentence ends near: a cheap filter, so that kiwipiepy
# (milliseconds a sentence) reads only sentences that may report.
_SENTENCE_END = re.compile(r"(?<=[.!?。])\s+")
_MAY_REPORT = re.compile(r"(?:말|밝|설명|덧붙|강조|지적|전했|전한|보도|주장|발표|언급|경고|촉구|전망|분석|평가|답|확인|부인|"
                         r"시인|해명|반박|권고|요구|비판|우려|논평|증언|보고|통보|공개|알렸|알린|물었|질문|인정|제안|약속|"
                         r"다짐|역설|호소|선포|공표|했|한다|합니다)\S{0,8}(?:\s+(?:있|왔)\S{0,4})?\s*$"  # "말하고 있다"
                         r"|에\s*따르면")  # "이 성명에 따르면": the statement reports


def reporting_subjects(text: str) -> list[KoreanSubject]:
    """The speaker of each sentence of ``text`` (a segment of Korean source), in order."""
    return [sentence_subject(sentence) if _MAY_REPORT.search(sentence.rstrip(" .!?\"'”’")) else
            KoreanSubject(NOT_REPORTING) for sentence in _SENTENCE_END.split(text.strip()) if sentence]


# Asides that split a noun phrase from its particle: "미 식품의약국(Food and Drug Administration, FDA)은".
_ASIDES = re.compile(r"\([^()]*\)|[‘’“”'\"]")


@functools.lru_cache(maxsize=2048)
def sentence_subject(sentence: str) -> KoreanSubject:
    morphs = [(t.form, t.tag) for t in kiwi().tokenize(_ASIDES.sub("", sentence))]
    verb = _reporting_verb(morphs)
    if verb is None:
        source = _according_to(morphs)
        return KoreanSubject(_kind(source), source) if source else KoreanSubject(NOT_REPORTING)
    quotative = max((i for i, (form, tag) in enumerate(morphs[:verb]) if _is_quotative(form, tag)), default=-1)
    chunks = _subject_chunks(morphs)
    after = [c for c in chunks if quotative < c[0] < verb]  # "...라고 국무부는 밝혔다"
    before = [c for c in chunks if c[0] < max(quotative, 0) and c[2] in ("JX", "honorific")]
    chosen = after[-1] if after else before[0] if before and quotative >= 0 else None
    if chosen is None and quotative >= 0:
        # "경찰이 국회에서 발언했다고 전했다": a lone subject with 이/가 that opens the sentence is the
        # speaker when it is one (an organisation or a person). With two ("당국이 태풍이 접근하자 ...
        # 대피시켰다고 보도했다") the first may as well be the reported clause's: the subject was dropped.
        marked = [c for c in chunks if c[0] < quotative]
        if len(marked) == 1 and _kind(marked[0][1]) in (ORG, PERSON, PRONOUN) and \
                all(tag in ("MAG", "MAJ", "SP", "SS", "SW") for _, tag in morphs[:marked[0][3]]):
            chosen = marked[0]
    if chosen is None and quotative < 0:
        topics = [c for c in chunks if c[0] < verb and c[2] in ("JX", "honorific", "JKS")]
        chosen = topics[0] if topics else None
    if chosen is None:
        return KoreanSubject(DROPPED)
    noun = chosen[1]
    return KoreanSubject(_kind(noun), noun)


def is_medium(noun: str) -> bool:
    """Whether a Korean subject is a medium or what one publishes: its English speaker "reported"."""
    words = noun.split()
    return bool(words) and (noun.endswith(KOREAN_MEDIA) or words[-1].endswith(MEDIA_LOANWORDS))


def _according_to(morphs) -> str | None:
    """The source of "X에 따르면" ("according to X") in a sentence that reports with no reporting verb:
    "이 성명에 따르면, 죄수 20여명은 ... 받았다" is the statement speaking, and MT writes "He also said"."""
    for i in range(2, len(morphs)):
        if morphs[i] == ("따르", "VV") and morphs[i - 1] == ("에", "JKB"):
            j = i - 1
            while j > 0 and morphs[j - 1][1] in ("NNG", "NNP", "NNB", "SL", "SH", "XSN", "JKG", "MM") and i - j < 7:
                j -= 1
            words = [f for f, tag in morphs[j:i - 1] if tag not in ("JKG", "MM")]
            return " ".join(words) or None
    return None


def _is_quotative(form: str, tag: str) -> bool:
    # A bare "고" ends many clauses ("일하고"): only the fuller endings quote.
    return tag == "JKQ" or (tag == "EC" and form != "고" and form.endswith(_QUOTATIVE_ENDINGS))


def _reporting_verb(morphs) -> int | None:
    """Index of the sentence's final reporting verb stem, if the sentence ends in one."""
    for i in range(len(morphs) - 1, -1, -1):
        form, tag = morphs[i]
        if tag in ("VV", "NNG", "XSV", "VX") and form in REPORTING_STEMS:
            if form == "하" and not any(_is_quotative(f, t) for f, t in morphs[max(0, i - 2):i]):
                continue  # 하다 reports only right after a quotative: "...라고 했다"
            return i
        if tag.startswith(("VV", "VA")) and form not in REPORTING_STEMS:
            return None  # the last verb of the sentence is something else
    return None


def _subject_chunks(morphs) -> list[tuple[int, str, str]]:
    """(index of the particle, noun phrase, particle kind) of every noun phrase marked as a subject or topic."""
    chunks = []
    for i, (form, tag) in enumerate(morphs):
        kind = "JKS" if tag == "JKS" and form in ("이", "가") else "honorific" if form == "께서" else \
            "JX" if tag == "JX" and form in ("은", "는") else None
        if kind is None:
            continue
        j = i
        while j > 0 and morphs[j - 1][1] in ("NNG", "NNP", "NNB", "NR", "XSN", "SL", "SH", "SN", "NP", "XPN",
                                             "MM") and i - j < 6:
            j -= 1
        if j < i:
            chunks.append((i, " ".join(f for f, _ in morphs[j:i]), kind, j))
    return chunks


def _kind(noun: str) -> str:
    words = [w for w in noun.split() if w not in ("들", "등")] or noun.split()  # "송전회사 들": companies
    noun = " ".join(words)
    last = words[-1]
    if noun in PRONOUNS or last in PRONOUNS:
        return PRONOUN
    if last in PERSON_NOUNS or any(w in PERSON_NOUNS for w in words[1:]):
        return PERSON
    from .bodies import starter_table

    if noun.replace(" ", "") in {k.replace(" ", "") for k in starter_table()} or last in starter_table():
        return ORG
    if last.endswith(ORG_SUFFIXES) and len(last) >= 2:
        return ORG
    if any(w.endswith(MEDIA_LOANWORDS) for w in words) or any(re.fullmatch(r"[A-Z]{2,6}", w) for w in words):
        return ORG  # a foreign medium, or an acronym ("NHC는", "FDA는")
    if len(words) >= 2 and all(len(w) <= 3 for w in words[:2]) and _looks_like_name(words):
        return PERSON
    return OTHER


def _looks_like_name(words: list[str]) -> bool:
    """ "김 영교": a Korean name (a common family name, then one or two syllable groups)."""
    return words[0] in SURNAMES and len(words) <= 3 and all(
        1 <= len(w) <= 3 and all("\uac00" <= ch <= "\ud7a3" for ch in w) for w in words)


SURNAMES = frozenset(
    """김 이 박 최 정 강 조 윤 장 임 한 오 서 신 권 황 안 송 류 전 홍 고 문 양 손 배 백 허 유 남 심 노 하 곽 성 차 주 우
    구 민 진 나 지 엄 채 원 천 방 공 현 함 변 염 여 추 도 소 석 선 설 마 길 연 위 표 명 기 반 왕 금 옥 육 인 맹 제 모 탁
    국 어 은 편 용 예 경 봉 사 부 가 복 태 목 형 피 두 감 호 제갈 남궁 황보""".split()
)
