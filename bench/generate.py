"""Generate a synthetic corpus of N model files laid out like the real project, for benchmarks.

The corpus is realistic in shape (front-matter keys and vocabularies of content/mo-hinh/, Vietnamese
prose with diacritics, headings, lists, tables) but every file says it is synthetic: its tags hold
"dữ liệu thử nghiệm" and its body opens with SYNTHETIC_NOTICE. Nothing here is a real model.

Usage: .venv/bin/python bench/generate.py OUT_DIR [--count 1000] [--seed 1]
OUT_DIR then holds content/*.yaml (copied from the repository) and content/mo-hinh/<year>/<slug>.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import shutil
import sys
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml

# The generator does not import showcase/, so it can feed any checkout (see run.py --repo).
ROOT = Path(__file__).resolve().parent.parent

DATA_FILES = (
    "site.yaml",
    "sources.yaml",
    "fields.yaml",
    "districts.yaml",
    "levels.yaml",
    "figures.yaml",
    "replication.yaml",
    "sap-xep-2025.yaml",
    "synonyms.yaml",  # the search index documents grow by the typed forms of the synonyms a page has
)
SYNTHETIC_TAG = "dữ liệu thử nghiệm"
SYNTHETIC_NOTICE = "(Dữ liệu tổng hợp cho đo hiệu năng, không phải mô hình thật.)"
YEARS = tuple(range(2016, 2026))
PUBLISHED_FROM = dt.date(2026, 1, 1)  # synthetic "first published" dates: 2026, never after 28/11/2026
PUBLISHED_DAYS = 331
MIN_WORDS, MAX_WORDS = 300, 900
SLUG_LENGTH = 80
TABLE_SHARE = 0.25
SUMMARY_SHARE = 0.6
# Share of models per field: the 2024 provincial figures (106 / 42 / 19 / 20).
FIELD_WEIGHTS = {"kinh-te": 106, "van-hoa-xa-hoi": 42, "quoc-phong-an-ninh": 19, "xay-dung-dang-he-thong-chinh-tri": 20}
LEVEL_WEIGHTS = {"cap-xa": 2, "cap-huyen": 3, "cap-tinh": 6, "toan-quoc": 1}

# A few communes per district as they were named before 01/7/2025 (seed/bentre-communes-2025.csv).
COMMUNES = {
    "thanh-pho-ben-tre": (
        "phường Phú Khương",
        "phường Phú Tân",
        "phường An Hội",
        "xã Sơn Đông",
        "xã Phú Hưng",
        "xã Mỹ Thạnh An",
        "xã Nhơn Thạnh",
    ),
    "chau-thanh": (
        "xã Tân Thạch",
        "thị trấn Châu Thành",
        "xã Giao Long",
        "xã Phú Đức",
        "xã Tam Phước",
        "xã Tường Đa",
        "xã Hữu Định",
    ),
    "cho-lach": (
        "thị trấn Chợ Lách",
        "xã Phú Phụng",
        "xã Sơn Định",
        "xã Long Thới",
        "xã Vĩnh Thành",
        "xã Hưng Khánh Trung B",
    ),
    "mo-cay-nam": (
        "thị trấn Mỏ Cày",
        "xã Định Thủy",
        "xã Đa Phước Hội",
        "xã An Thạnh",
        "xã Minh Đức",
        "xã Ngãi Đăng",
        "xã Hương Mỹ",
    ),
    "giong-trom": (
        "thị trấn Giồng Trôm",
        "xã Phong Nẫm",
        "xã Châu Hòa",
        "xã Lương Quới",
        "xã Thuận Điền",
        "xã Hưng Lễ",
        "xã Tân Lợi Thạnh",
    ),
    "binh-dai": (
        "thị trấn Bình Đại",
        "xã Long Định",
        "xã Vang Quới Đông",
        "xã Lộc Thuận",
        "xã Đại Hòa Lộc",
        "xã Thừa Đức",
        "xã Thạnh Phước",
    ),
    "ba-tri": (
        "thị trấn Ba Tri",
        "xã Mỹ Chánh",
        "xã Bảo Thạnh",
        "xã An Ngãi Trung",
        "xã Tân Xuân",
        "xã An Đức",
        "thị trấn Tiệm Tôm",
    ),
    "thanh-phu": (
        "thị trấn Thạnh Phú",
        "xã Đại Điền",
        "xã Quới Điền",
        "xã An Thạnh",
        "xã Bình Thạnh",
        "xã Thạnh Hải",
        "xã Giao Thạnh",
    ),
    "mo-cay-bac": (
        "xã Phú Mỹ",
        "xã Hưng Khánh Trung A",
        "xã Thanh Tân",
        "xã Tân Thành Bình",
        "xã Hòa Lộc",
        "thị trấn Phước Mỹ Trung",
        "xã Nhuận Phú Tân",
    ),
}
HAMLETS = (
    "ấp Phú Hòa",
    "ấp Tân Điền",
    "ấp Long Hội",
    "ấp Bình Đông",
    "ấp An Lợi",
    "ấp Thạnh Hưng",
    "ấp Giồng Sâu",
    "ấp Đồng Nhơn",
    "ấp Vĩnh Đức",
    "ấp Mỹ Điền",
    "khu phố 2",
    "khu phố 5",
)

# Topics per field: the end of a title after the action ("… hiến đất làm đường …"), and its tags.
TOPICS = {
    "kinh-te": (
        ("hiến đất làm đường giao thông nông thôn", ("giao thông nông thôn", "hiến đất")),
        ("trồng dừa hữu cơ gắn với liên kết tiêu thụ sản phẩm", ("dừa hữu cơ", "liên kết sản xuất")),
        ("chuyển đổi cơ cấu cây trồng thích ứng với xâm nhập mặn", ("chuyển đổi cây trồng", "xâm nhập mặn")),
        ("tham gia tổ hợp tác nuôi tôm càng xanh", ("tổ hợp tác", "nuôi tôm")),
        ("đóng góp ngày công xây dựng cầu bê tông", ("cầu nông thôn", "ngày công")),
        ("đồng thuận giao đất giải phóng mặt bằng thực hiện dự án", ("giải phóng mặt bằng", "đồng thuận")),
        ("xây dựng mã số vùng trồng bưởi da xanh", ("mã số vùng trồng", "bưởi da xanh")),
        ("phát triển kinh tế hộ gia đình đạt thu nhập khá", ("kinh tế hộ", "giảm nghèo")),
        ("tham gia đê bao ngăn mặn, trữ ngọt", ("đê bao", "ngăn mặn")),
        ("ứng dụng thương mại điện tử trong tiêu thụ nông sản", ("thương mại điện tử", "nông sản")),
    ),
    "van-hoa-xa-hoi": (
        ("phân loại rác thải sinh hoạt tại nguồn", ("rác thải", "bảo vệ môi trường")),
        ("tham gia bảo hiểm y tế hộ gia đình", ("bảo hiểm y tế", "an sinh xã hội")),
        ("xây dựng nhà đại đoàn kết cho hộ nghèo", ("nhà đại đoàn kết", "hộ nghèo")),
        ("giữ gìn tuyến đường hoa, đường sáng - xanh - sạch - đẹp", ("đường hoa", "nông thôn mới")),
        ("tham gia bảo hiểm xã hội tự nguyện", ("bảo hiểm xã hội tự nguyện", "an sinh xã hội")),
        ("đưa trẻ em trong độ tuổi đến trường", ("khuyến học", "giáo dục")),
        ("xây dựng gia đình hạnh phúc, tiến bộ", ("gia đình", "bình đẳng giới")),
        ("hỗ trợ người cao tuổi neo đơn", ("người cao tuổi", "nhân đạo")),
    ),
    "quoc-phong-an-ninh": (
        ("tham gia tổ tự quản về an ninh, trật tự", ("an ninh trật tự", "tổ tự quản")),
        ("hòa giải mâu thuẫn, tranh chấp ở cơ sở", ("hòa giải", "tranh chấp")),
        ("tố giác tội phạm và tệ nạn ma túy", ("phòng chống ma túy", "tố giác tội phạm")),
        ("chấp hành pháp luật về hụi, họ, biêu, phường", ("hụi họ biêu phường", "pháp luật")),
        ("tham gia phòng cháy, chữa cháy tại khu dân cư", ("phòng cháy chữa cháy", "khu dân cư")),
        ("thanh niên lên đường nhập ngũ đúng độ tuổi", ("tuyển quân", "quốc phòng")),
        ("bảo đảm trật tự an toàn giao thông đường thủy", ("an toàn giao thông", "đường thủy")),
    ),
    "xay-dung-dang-he-thong-chinh-tri": (
        ("sử dụng dịch vụ công trực tuyến", ("dịch vụ công trực tuyến", "chuyển đổi số")),
        ("góp ý xây dựng Đảng, xây dựng chính quyền", ("góp ý xây dựng Đảng", "dân chủ ở cơ sở")),
        ("thực hiện dân chủ ở cơ sở gắn với cải cách hành chính", ("dân chủ ở cơ sở", "cải cách hành chính")),
        ("đối thoại trực tiếp với cán bộ, đảng viên", ("đối thoại", "tiếp dân")),
        ("tham gia sinh hoạt chi hội, chi đoàn đều đặn", ("chi hội", "củng cố tổ chức cơ sở")),
        ("theo dõi, đánh giá mức độ hài lòng bằng mã QR", ("mã QR", "sự hài lòng")),
    ),
}
ACTIONS = (
    "Vận động Nhân dân",
    "Vận động hộ dân",
    "Tuyên truyền, vận động hội viên",
    "Vận động bà con",
    "Vận động người dân",
    "Dân vận khéo: vận động người dân",
    "Vận động đồng bào có đạo",
    "Vận động thanh niên",
    "Vận động đoàn viên",
    "Vận động phụ nữ",
)
QUALIFIERS = (
    "trên địa bàn {place}",
    "tại {place}",
    "ở {hamlet}, {place}",
    "gắn với xây dựng nông thôn mới tại {place}",
    "theo phương châm “dân biết, dân bàn, dân làm” ở {place}",
    "giai đoạn {start} - {end} tại {place}",
)

COMMUNE_UNITS = (
    "Hội Nông dân {c}",
    "Ủy ban Mặt trận Tổ quốc Việt Nam {c}",
    "Đảng ủy {c}",
    "Đoàn Thanh niên {c}",
    "Hội Cựu chiến binh {c}",
    "Hội Liên hiệp Phụ nữ {c}",
    "Công an {c}",
    "Ủy ban nhân dân {c}",
    "Chi bộ {h}, {c}",
    "Ban Chỉ huy Quân sự {c}",
)
DISTRICT_UNITS = (
    "Ban Dân vận {party} {name}",
    "Tòa án nhân dân {full}",
    "Liên đoàn Lao động {full}",
    "Hội Liên hiệp Phụ nữ {full}",
    "Huyện đoàn {name}",
    "Hội Nông dân {full}",
    "Công an {full}",
)
PROVINCE_UNITS = (
    "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Bến Tre",
    "Tỉnh đoàn Bến Tre",
    "Hội Nông dân tỉnh Bến Tre",
    "Hội Liên hiệp Phụ nữ tỉnh Bến Tre",
    "Hội Cựu chiến binh tỉnh Bến Tre",
    "Liên đoàn Lao động tỉnh Bến Tre",
    "Bảo hiểm xã hội tỉnh Bến Tre",
    "Sở Y tế tỉnh Bến Tre",
)

# Sentence vocabulary: subject + verb + object + manner, or an opening clause + the same.
SUBJECTS = (
    "Ban Chỉ đạo",
    "chi bộ ấp",
    "Ban công tác Mặt trận",
    "các đoàn thể chính trị - xã hội",
    "đội ngũ cán bộ dân vận",
    "tổ nhân dân tự quản",
    "tổ hòa giải ở cơ sở",
    "các chi hội trưởng",
    "người có uy tín trong cộng đồng",
    "đảng viên phụ trách hộ",
    "lực lượng công an xã",
    "đoàn viên, thanh niên",
    "Hội Nông dân",
    "Hội Liên hiệp Phụ nữ",
    "Hội Cựu chiến binh",
)
VERBS = (
    "đã chủ động vận động",
    "kiên trì tuyên truyền, vận động",
    "phối hợp hướng dẫn",
    "đến từng nhà để vận động",
    "đối thoại trực tiếp với",
    "lắng nghe ý kiến của",
    "kịp thời nắm bắt tâm tư của",
    "hỗ trợ và động viên",
    "tổ chức họp dân để bàn với",
    "thường xuyên gặp gỡ",
    "phân công đảng viên theo dõi, giúp đỡ",
)
OBJECTS = (
    "các hộ dân trong ấp",
    "bà con nông dân",
    "hội viên phụ nữ",
    "đồng bào có đạo",
    "người cao tuổi",
    "hộ nghèo, hộ cận nghèo",
    "thanh niên chưa có việc làm",
    "các hộ kinh doanh nhỏ",
    "Nhân dân địa phương",
    "những gia đình còn băn khoăn",
    "các hộ có đất nằm trong phạm vi công trình",
)
MANNERS = (
    "một cách gần gũi, chân thành",
    "theo đúng quy định của pháp luật",
    "bằng nhiều hình thức phong phú",
    "ngay tại cơ sở",
    "với sự đồng thuận cao",
    "trên tinh thần dân chủ, công khai",
    "theo phương châm “dân biết, dân bàn, dân làm, dân kiểm tra, dân giám sát, dân thụ hưởng”",
    "vào các buổi tối để thuận tiện cho bà con",
    "qua nhóm Zalo của ấp và loa truyền thanh",
)
GOALS = (
    "nâng cao đời sống vật chất và tinh thần của Nhân dân",
    "củng cố khối đại đoàn kết toàn dân tộc",
    "xây dựng nông thôn mới nâng cao",
    "giữ vững an ninh chính trị, trật tự an toàn xã hội",
    "tăng cường mối quan hệ mật thiết giữa Đảng với Nhân dân",
    "phát triển kinh tế - xã hội của địa phương",
    "xây dựng Đảng và hệ thống chính trị trong sạch, vững mạnh",
    "thích ứng với biến đổi khí hậu",
    "tạo niềm tin của người dân đối với cấp ủy, chính quyền",
    "đẩy lùi tệ nạn xã hội ở khu dân cư",
)
OPENINGS = (
    "Trong quá trình thực hiện",
    "Từ đầu năm",
    "Thông qua các buổi sinh hoạt",
    "Nhờ cách làm linh hoạt",
    "Bên cạnh đó",
    "Đặc biệt",
    "Song song với việc tuyên truyền",
    "Sau mỗi đợt vận động",
    "Để tạo sự đồng thuận",
    "Trước những khó khăn ban đầu",
)
RESULTS = (
    "đã có {n} hộ dân tự nguyện tham gia",
    "{n} mét đường được mở rộng và bê tông hóa",
    "thu nhập bình quân tăng khoảng {p}% so với trước",
    "tỷ lệ hộ nghèo giảm còn {p}%",
    "{n} vụ việc được hòa giải thành ngay tại cơ sở",
    "{n} hồ sơ được nộp qua dịch vụ công trực tuyến",
    "huy động được {n} triệu đồng từ xã hội hóa",
    "{n} ngày công lao động được đóng góp",
)
STEPS = (
    "Khảo sát nhu cầu và tâm tư của người dân",
    "Tổ chức họp dân, công khai chủ trương và kinh phí",
    "Phân công cán bộ, đảng viên phụ trách từng nhóm hộ",
    "Biểu dương kịp thời những gia đình làm tốt",
    "Lồng ghép nội dung vận động vào sinh hoạt chi hội",
    "Đối thoại để giải đáp những vướng mắc của bà con",
    "Kiểm tra, giám sát và rút kinh nghiệm sau mỗi đợt",
    "Phối hợp với các ngành chuyên môn hỗ trợ kỹ thuật",
    "Xây dựng quy ước, hương ước của ấp",
    "Đưa thông tin lên nhóm Zalo và loa truyền thanh của ấp",
)
LESSONS = (
    "Cấp ủy phải vào cuộc quyết liệt, cán bộ đảng viên gương mẫu đi trước",
    "Mọi việc đều bàn bạc công khai, dân chủ với Nhân dân",
    "Chọn đúng người có uy tín để vận động",
    "Kiên trì, không nóng vội, tôn trọng ý kiến của từng hộ",
    "Kịp thời động viên, khen thưởng",
    "Phát huy vai trò giám sát của Mặt trận và các đoàn thể",
)
INDICATORS = (
    "Số hộ tham gia",
    "Số mét đường được mở rộng",
    "Số vụ việc hòa giải thành",
    "Kinh phí xã hội hóa (triệu đồng)",
    "Số hồ sơ trực tuyến",
    "Số buổi tuyên truyền",
    "Số hộ thoát nghèo",
    "Số ngày công đóng góp",
)
SECTIONS = ("Giới thiệu", "Bối cảnh", "Cách làm", "Kết quả đạt được", "Bài học kinh nghiệm", "Khả năng nhân rộng")


@dataclass(frozen=True)
class Vocab:
    """The labels a generated file may use, read from the real content/*.yaml."""

    fields: dict[str, str]  # id → label
    districts: dict[str, tuple[str, str]]  # id → (full name as editors write it, short name)
    levels: dict[str, str]  # id → label


@dataclass
class CorpusStats:
    """What generate() wrote."""

    files: int = 0
    words: int = 0
    tables: int = 0
    bytes: int = 0
    seconds: float = 0.0


def load_vocab(content_dir: Path) -> Vocab:
    """Read field, district and level labels from the real data files."""

    def read(name: str) -> list[dict]:
        return yaml.safe_load((content_dir / name).read_text(encoding="utf-8"))["terms"]

    fields = {item["id"]: item["label"] for item in read("fields.yaml")}
    districts = {
        item["id"]: (f"{item.get('type', '')} {item['name']}".strip(), item["name"]) for item in read("districts.yaml")
    }
    levels = {item["id"]: item["label"] for item in read("levels.yaml")}
    return Vocab(fields, districts, levels)


def slugify(text: str) -> str:
    """The slug rule of the domain brief: đ → d, drop marks, lowercase, '1.000' → '1000', join with '-'."""
    text = re.sub(r"(?<=\d)[.,](?=\d{3}(?!\d))", "", text).replace("đ", "d").replace("Đ", "D")
    text = "".join(ch for ch in unicodedata.normalize("NFD", text) if not unicodedata.combining(ch))
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _vn_number(value: float) -> str:
    """1250 → '1.250', 12.5 → '12,5' (Vietnamese separators)."""
    if float(value).is_integer():
        return f"{int(value):,}".replace(",", ".")
    return f"{value:.1f}".replace(".", ",")


class _Writer:
    """Builds one synthetic model file; all randomness comes from the shared Random."""

    def __init__(self, rng: random.Random, vocab: Vocab):
        self.rng = rng
        self.vocab = vocab

    def pick(self, items):
        """One item, uniformly."""
        return items[self.rng.randrange(len(items))]

    def weighted(self, weights: dict[str, int]) -> str:
        """One key, in proportion to its weight."""
        return self.rng.choices(list(weights), weights=list(weights.values()))[0]

    # -- prose ------------------------------------------------------------------------------------
    def sentence(self) -> str:
        """One sentence of prose about the model's work."""
        r = self.rng.random()
        core = f"{self.pick(SUBJECTS)} {self.pick(VERBS)} {self.pick(OBJECTS)} {self.pick(MANNERS)}"
        if r < 0.35:
            text = f"{self.pick(OPENINGS)}, {core}, góp phần {self.pick(GOALS)}"
        elif r < 0.6:
            text = f"Kết quả, {self.result()}, góp phần {self.pick(GOALS)}"
        elif r < 0.8:
            text = f"{core}; nhờ đó {self.result()}"
        else:
            text = f"{core} nhằm {self.pick(GOALS)}"
        return text[0].upper() + text[1:] + "."

    def result(self) -> str:
        """A result clause with made-up figures written the Vietnamese way."""
        return self.pick(RESULTS).format(
            n=_vn_number(self.rng.randrange(12, 4800)), p=_vn_number(self.rng.randrange(20, 400) / 10)
        )

    def table(self) -> list[str]:
        """A Markdown table of indicators before and after (made-up figures)."""
        rows = ["| Chỉ tiêu | Trước khi thực hiện | Sau khi thực hiện |", "|---|---:|---:|"]
        for indicator in self.rng.sample(INDICATORS, self.rng.randint(3, 5)):
            before = self.rng.randrange(5, 900)
            rows.append(f"| {indicator} | {_vn_number(before)} | {_vn_number(before + self.rng.randrange(10, 2500))} |")
        return rows

    def body(self, title: str, unit: str, place: str) -> tuple[str, int, bool]:
        """Markdown body of MIN_WORDS–MAX_WORDS words; return it, its word count and whether it has a table."""
        rng = self.rng
        target = rng.randint(MIN_WORDS, MAX_WORDS)
        has_table = rng.random() < TABLE_SHARE
        intro = (
            f"“{title}” là mô hình “Dân vận khéo” giả định của {unit}, địa bàn {place}. "
            f"Nội dung dưới đây được sinh tự động để đo tốc độ dựng trang."
        )
        steps = "\n".join(f"- {s};" for s in rng.sample(STEPS, rng.randint(3, 6)))
        lessons = "\n".join(f"{i}. {s}." for i, s in enumerate(rng.sample(LESSONS, rng.randint(2, 4)), 1))
        # Fixed blocks per section index, placed after the section's first paragraph.
        fixed: dict[int, list[str]] = {2: [steps], 4: [lessons]}
        if has_table:
            fixed[3] = ["Bảng dưới đây tóm tắt **một số chỉ tiêu** (số liệu giả định):", "\n".join(self.table())]
        words = len(SYNTHETIC_NOTICE.split()) + len(intro.split()) + sum(len(h.split()) + 1 for h in SECTIONS)
        words += sum(len(block.split()) for blocks in fixed.values() for block in blocks)
        # One sentence opens every section; more prose then goes round-robin, one paragraph at a time.
        prose: list[list[list[str]]] = [[[self.sentence()]] for _ in SECTIONS]
        words += sum(len(p[0][0].split()) for p in prose)
        paragraphs, length = len(SECTIONS), 0
        while True:
            sentence = self.sentence()
            size = len(sentence.split())
            if words + size > MAX_WORDS or (words + size > target and words >= MIN_WORDS):
                break
            section = prose[paragraphs % len(SECTIONS)]
            if len(section[-1]) >= length:
                paragraphs += 1
                length = rng.randint(2, 5)
                section = prose[paragraphs % len(SECTIONS)]
                section.append([])
            section[-1].append(sentence)
            words += size
        parts = [SYNTHETIC_NOTICE]
        for index, heading in enumerate(SECTIONS):
            paras = [" ".join(p) for p in prose[index]]
            head = [intro] if index == 0 else paras[:1]
            tail = paras if index == 0 else paras[1:]
            parts += [f"## {heading}", *head, *fixed.get(index, []), *tail]
        return "\n\n".join(parts) + "\n", words, has_table

    # -- front-matter -----------------------------------------------------------------------------
    def model(self, number: int, titles: set[str]) -> tuple[dict, str]:
        """Front-matter values for model `number` and its place in words.

        The first models take every field, district and year in turn, so even a small corpus has them all.
        """
        vocab, rng = self.vocab, self.rng
        field = list(vocab.fields)[number] if number < len(vocab.fields) else self.weighted(FIELD_WEIGHTS)
        district = list(vocab.districts)[number] if number < len(vocab.districts) else self.pick(list(vocab.districts))
        year = YEARS[number] if number < len(YEARS) else self.pick(YEARS)
        full, short = vocab.districts[district]
        commune = self.pick(COMMUNES[district]) if district in COMMUNES else None
        hamlet = self.pick(HAMLETS)
        if commune is None:
            unit, place = self.pick(PROVINCE_UNITS), "toàn tỉnh Bến Tre"
        elif rng.random() < 0.3:
            party = "Thành ủy" if full.startswith("thành phố") else "Huyện ủy"
            unit = self.pick(DISTRICT_UNITS).format(party=party, name=short, full=full)
            place, commune = full, (commune if rng.random() < 0.4 else None)
        else:
            unit, place = self.pick(COMMUNE_UNITS).format(c=commune, h=hamlet), f"{commune}, {full}"
        topic, tags = self.pick(TOPICS[field])
        title = self.title(topic, commune or full, hamlet, year, titles)
        values = {"title": title, "field": vocab.fields[field], "unit": unit, "district": full}
        if commune:
            values["commune"] = commune
        values["year"] = year
        published = PUBLISHED_FROM + dt.timedelta(days=rng.randint(0, PUBLISHED_DAYS))
        values["published"] = published.strftime("%d/%m/%Y")
        if rng.random() < 0.2:
            updated = published + dt.timedelta(days=rng.randint(1, 30))
            values["updated"] = min(updated, PUBLISHED_FROM + dt.timedelta(days=PUBLISHED_DAYS)).strftime("%d/%m/%Y")
        if rng.random() < 0.85:
            values["level"] = vocab.levels[self.weighted(LEVEL_WEIGHTS)]
        if rng.random() < SUMMARY_SHARE:
            values["summary"] = (
                f"Dữ liệu thử nghiệm: mô hình giả định của {unit} về {topic}, dùng để đo hiệu năng dựng trang."
            )
        values["tags"] = [SYNTHETIC_TAG, *tags[: rng.randint(1, len(tags))]]
        values["sources"] = [
            {
                "title": "Nguồn giả định cho dữ liệu thử nghiệm (không có thật)",
                "author": "Bộ sinh dữ liệu bench/generate.py",
                "date": f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{year}",
            }
        ]
        return values, place

    def title(self, topic: str, place: str, hamlet: str, year: int, titles: set[str]) -> str:
        """A title not used before in this corpus."""
        for attempt in range(12):
            qualifier = self.pick(QUALIFIERS).format(place=place, hamlet=hamlet, start=year - 2, end=year)
            title = f"{self.pick(ACTIONS)} {topic} {qualifier}"
            if attempt >= 6:
                title += f" (đợt {attempt - 5})"
            if title not in titles:
                titles.add(title)
                return title
        title = f"{title} ({len(titles) + 1})"
        titles.add(title)
        return title


def _quote(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def front_matter(values: dict) -> str:
    """YAML front-matter in the style of the real files (double-quoted strings, flow-style tags)."""
    lines = ["---"]
    for key, value in values.items():
        if key == "year":
            lines.append(f"year: {value}")
        elif key == "tags":
            lines.append("tags: [" + ", ".join(_quote(t) for t in value) + "]")
        elif key == "sources":
            lines.append("sources:")
            for source in value:
                first = True
                for sub, text in source.items():
                    lines.append(f"  {'- ' if first else '  '}{sub}: {_quote(text)}")
                    first = False
        else:
            lines.append(f"{key}: {_quote(value)}")
    lines.append("---")
    return "\n".join(lines) + "\n"


def unique_slug(title: str, slugs: set[str]) -> str:
    """Slug of title cut at a word boundary near SLUG_LENGTH; when taken, a longer cut, then -2, -3…"""
    full = slugify(title)
    candidates = [_cut(full, SLUG_LENGTH), _cut(full, SLUG_LENGTH + 40)]
    slug = next((c for c in candidates if c not in slugs), candidates[-1])
    candidate, count = slug, 1
    while candidate in slugs:
        count += 1
        candidate = f"{slug}-{count}"
    slugs.add(candidate)
    return candidate


def _cut(slug: str, length: int) -> str:
    return slug if len(slug) <= length else slug[: length + 1].rsplit("-", 1)[0]


def generate(out_dir: Path, count: int, seed: int = 1, source_content: Path = ROOT / "content") -> CorpusStats:
    """Write a project folder with count synthetic models under out_dir; deterministic for a seed."""
    started = time.perf_counter()
    content = out_dir / "content"
    content.mkdir(parents=True, exist_ok=True)
    for name in DATA_FILES:
        shutil.copyfile(source_content / name, content / name)
    writer = _Writer(random.Random(seed), load_vocab(source_content))
    stats = CorpusStats()
    titles: set[str] = set()
    slugs: set[str] = set()
    for year in YEARS:
        (content / "mo-hinh" / str(year)).mkdir(parents=True, exist_ok=True)
    for number in range(count):
        values, place = writer.model(number, titles)
        body, words, has_table = writer.body(values["title"], values["unit"], place)
        text = front_matter(values) + "\n" + body
        data = text.encode("utf-8")
        path = content / "mo-hinh" / str(values["year"]) / f"{unique_slug(values['title'], slugs)}.md"
        path.write_bytes(data)
        stats.files += 1
        stats.words += words
        stats.tables += has_table
        stats.bytes += len(data)
    stats.seconds = time.perf_counter() - started
    return stats


def main(argv: list[str] | None = None) -> int:
    """Command line: generate a corpus into a folder."""
    p = argparse.ArgumentParser(description="Generate synthetic model files for benchmarks.")
    p.add_argument("out", type=Path, help="project folder to create (content/ goes inside)")
    p.add_argument("--count", type=int, default=1000, help="number of model files")
    p.add_argument("--seed", type=int, default=1, help="random seed (same seed, same files)")
    args = p.parse_args(argv)
    stats = generate(args.out, args.count, args.seed)
    print(
        f"{stats.files} files, {stats.words} words, {stats.tables} with a table, "
        f"{stats.bytes / 2**20:.1f} MiB in {stats.seconds:.1f} s → {args.out / 'content'}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
