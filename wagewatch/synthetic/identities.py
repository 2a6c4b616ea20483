"""Identities that look real and never collide: GB 11643 ID numbers with their check character, names,
bank cards, wage and general accounts, GB 32100 credit codes, and people on no roster."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from wagewatch.synthetic.periods import DAYS_PER_YEAR, LAST_PERIOD
from wagewatch.synthetic.records import Person

WAGE_ACCOUNT_PREFIX = "36050"  # 19 digits in all; worker cards start with 62, so never collide
WAGE_ACCOUNT_LENGTH = 19
GENERAL_ACCOUNT_PREFIX = "36021"  # a contractor's general (basic) account: never a wage account
CREDIT_CODE_PREFIX = "91"  # enterprise, industrial and commercial registration
CREDIT_CODE_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # GB 32100
CREDIT_CODE_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
CREDIT_CODE_BODY = 9
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓"
    "曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢钟谭陆汪廖熊邱江"
)
GIVEN_MALE = "伟强磊军勇杰涛明超刚平辉鹏华飞鑫波斌宇浩凯健俊帆旭宁龙林洋春国建文志海兵东福生荣德"
GIVEN_FEMALE = "芳娟敏静丽霞燕艳玲萍秀英兰凤梅琴云莲红慧婷"
TWO_CHAR_GIVEN_SHARE = 0.6
MALE_SHARE = 0.8
BIRTHPLACES = (
    "360802",
    "360821",
    "360822",
    "360103",
    "360121",
    "360124",
    "360203",
    "360281",
    "360302",
    "360321",
    "360423",
    "360502",
    "360681",
    "360702",
    "360731",
    "361002",
    "361121",
    "430521",
    "431022",
    "511623",
    "411625",
    "341225",
)
OUTSIDER_AGE_YEARS = (25, 55)  # labour bosses and people on no roster
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)  # GB 11643 / ISO 7064 MOD 11-2
ID_CHECK_CHARS = "10X98765432"
CARD_ISSUERS = (  # (bank, card prefix, card length): lengths 16-19
    ("中国建设银行", "6217", 19),
    ("中国工商银行", "6222", 19),
    ("中国农业银行", "6228", 19),
    ("中国银行", "6216", 19),
    ("中国邮政储蓄银行", "6210", 19),
    ("江西银行", "6231", 16),
    ("九江银行", "6223", 17),
    ("江西农商银行", "6230", 18),
)


def id_check_char(first17: str) -> str:
    """GB 11643 check character (ISO 7064 MOD 11-2) of the first 17 digits of an ID number."""
    total = sum(int(digit) * weight for digit, weight in zip(first17, ID_WEIGHTS, strict=True))
    return ID_CHECK_CHARS[total % len(ID_CHECK_CHARS)]


def is_valid_id(id_number: str) -> bool:
    """Format, birth date and check character of an 18-character ID number."""
    if len(id_number) != 18 or not id_number[:17].isdigit():
        return False
    try:
        date(int(id_number[6:10]), int(id_number[10:12]), int(id_number[12:14]))
    except ValueError:
        return False
    return id_number[17].upper() == id_check_char(id_number[:17])


def is_male(id_number: str) -> bool:
    """The 17th character of an ID is odd for men."""
    return int(id_number[16]) % 2 == 1


def _name(rng: random.Random, male: bool) -> str:
    given = GIVEN_MALE if male else GIVEN_FEMALE
    length = 2 if rng.random() < TWO_CHAR_GIVEN_SHARE else 1
    return rng.choice(SURNAMES) + "".join(rng.choice(given) for _ in range(length))


def _id_number(rng: random.Random, born: date, male: bool) -> str:
    sequence = digits(rng, 2) + str(rng.choice("13579" if male else "02468"))
    first17 = rng.choice(BIRTHPLACES) + born.strftime("%Y%m%d") + sequence
    return first17 + id_check_char(first17)


def credit_code(rng: random.Random, region_code: str) -> str:
    """A unified social credit code with a valid GB 32100 check character (no rule needs it wrong)."""
    organisation = "".join(rng.choice(CREDIT_CODE_CHARS) for _ in range(CREDIT_CODE_BODY))
    body = CREDIT_CODE_PREFIX + region_code + organisation
    total = sum(CREDIT_CODE_CHARS.index(c) * w for c, w in zip(body, CREDIT_CODE_WEIGHTS, strict=True))
    modulus = len(CREDIT_CODE_CHARS)
    return body + CREDIT_CODE_CHARS[(modulus - total % modulus) % modulus]


def digits(rng: random.Random, count: int) -> str:
    return f"{rng.randrange(10**count):0{count}d}"


def unique(make: Callable[[], str], seen: set[str]) -> str:
    """Draw until the value is new: IDs, cards and names stay unique so no rule fires by accident."""
    value = make()
    while value in seen:
        value = make()
    seen.add(value)
    return value


@dataclass
class Registry:
    """What must stay unique across the whole inbox (IDs, cards) and within a project (names)."""

    ids: set[str] = field(default_factory=set)
    cards: set[str] = field(default_factory=set)
    names: dict[str, set[str]] = field(default_factory=dict)  # project_id -> names used there

    def card(self, rng: random.Random) -> tuple[str, str]:
        """(issuing bank, a card number nobody else holds)."""
        bank, prefix, length = rng.choice(CARD_ISSUERS)
        return bank, unique(lambda: prefix + digits(rng, length - len(prefix)), self.cards)

    def id_number(self, rng: random.Random, born: date, male: bool) -> str:
        return unique(lambda: _id_number(rng, born, male), self.ids)

    def name(self, rng: random.Random, project_id: str, male: bool) -> str:
        return unique(lambda: _name(rng, male), self.names.setdefault(project_id, set()))


def outsider(rng: random.Random, registry: Registry, project_id: str) -> Person:
    """Someone on no roster: an ID and a card nobody holds, a name no worker of the project bears."""
    male = rng.random() < MALE_SHARE
    low, high = OUTSIDER_AGE_YEARS
    born = date(LAST_PERIOD[0], 1, 1) - timedelta(days=rng.randint(low * DAYS_PER_YEAR, high * DAYS_PER_YEAR))
    return Person(
        name=registry.name(rng, project_id, male),
        id_number=registry.id_number(rng, born, male),
        bank_account=registry.card(rng)[1],
    )
