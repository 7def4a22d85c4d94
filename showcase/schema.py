"""Every key of every content file, declared once: a model's front-matter and each data file.

Validation reads these declarations (showcase/specs.py gives each kind its check), the editor guide's
key table is generated from them (showcase/guide.py), and this module refuses to import when the
dataclasses it fills (Model, Settings) and the declared keys disagree.
"""

from __future__ import annotations

import dataclasses

from .model import (
    AdminSettings,
    CommuneChange,
    Decision,
    FigureRow,
    Model,
    Reform,
    Replication,
    ReplicationType,
    Settings,
    Source,
    Synonym,
    Term,
    Vocabulary,
    Withdrawn,
    YearFigures,
)
from .specs import (
    BaseUrl,
    Choice,
    Date,
    Either,
    Fact,
    Flag,
    Id,
    Integer,
    ListOf,
    LocalImage,
    MapOf,
    OneOf,
    Record,
    Slug,
    SourceRef,
    Spec,
    Text,
    Url,
    Year,
)

# -- sources: content/sources.yaml, and sources written out in a model file ----------------------

SOURCE_KEYS: dict[str, Spec] = {
    "title": Text("Tên bài/văn bản", "title", "Tên bài viết hoặc văn bản nguồn.", required=True),
    "author": Text("Tác giả", "author", "Người viết, kèm cơ quan nếu có."),
    "publisher": Text("Nơi đăng", "publisher", "Báo, trang tin hoặc cơ quan ban hành."),
    "date": Date("Ngày", "date", 'Ngày đăng hoặc ban hành, dạng "dd/mm/yyyy".'),
    "url": Url("Địa chỉ", "URL", "Địa chỉ https:// của nguồn."),
}
SOURCE = Record(SOURCE_KEYS, build=lambda values: Source(**values))

SOURCES = ListOf(
    Record(
        {
            "id": Id("Mã", "id", "Dùng khi dẫn nguồn (source: <mã>) và làm neo trên trang /nguon/.", required=True),
            **SOURCE_KEYS,
            "short": Text(
                "Tên ngắn", "short name", 'Cách một câu dẫn nguồn này, ví dụ "Bài viết ngày 30/12/2024".', required=True
            ),
            "note": Text("Ghi chú", "note", "Điều cần biết về nguồn (nơi đăng chưa rõ…)."),
        },
        build=lambda values: Source(**values),
    ),
    unique="id",
)

# -- a model file's front-matter ----------------------------------------------------------------

IMAGE = Record(
    {
        "file": LocalImage("Tệp ảnh", "file", "Đường dẫn tính từ thư mục của tệp mô hình.", required=True),
        "alt": Text("Mô tả ảnh", "alt text", "Mô tả nội dung ảnh cho người khiếm thị.", required=True, max_length=300),
        "caption": Text("Chú thích", "caption", "Chú thích hiện dưới ảnh.", max_length=300),
        "credit": Text(
            "Tác giả ảnh", "credit", "Người chụp hoặc nguồn ảnh, ví dụ: Nguyễn Hiếu.", required=True, max_length=100
        ),
    }
)

DECISION = Record(
    {
        "number": Text("Số quyết định", "number", 'Ví dụ: "123/QĐ-BCĐ".'),
        "date": Date("Ngày quyết định", "date", 'Dạng "dd/mm/yyyy".'),
    },
    build=lambda values: Decision(**values),
)

MODEL: dict[str, Spec] = {
    "title": Text("Tên mô hình", "title", "Tên đầy đủ như trong quyết định công nhận.", required=True, max_length=300),
    "field": Choice(
        "Lĩnh vực", "field", "Một trong các lĩnh vực ở content/fields.yaml.", required=True, vocabulary="fields"
    ),
    "unit": Text(
        "Đơn vị thực hiện", "implementing unit", "Tên đơn vị như lúc công nhận.", required=True, max_length=200
    ),
    "district": Choice(
        "Địa bàn (huyện)",
        "district",
        'Huyện/thành phố lúc công nhận (content/districts.yaml); đơn vị cấp tỉnh ghi "Toàn tỉnh".',
        required=True,
        vocabulary="districts",
    ),
    "year": Year("Năm công nhận", "year", "Số nguyên, ví dụ 2024.", required=True),
    "level": Choice(
        "Cấp công nhận",
        "recognition level",
        "Một trong content/levels.yaml; mặc định theo content/site.yaml.",
        vocabulary="levels",
    ),
    "summary": Text(
        "Tóm tắt",
        "summary",
        "Một hai câu; nếu bỏ trống, lấy đoạn đầu của nội dung (khoảng 160 ký tự).",
        max_length=500,
    ),
    "commune": Text("Xã/phường/thị trấn", "commune", 'Như lúc công nhận, ví dụ "xã Hưng Lễ".', max_length=100),
    "hamlet": Text("Ấp/khu phố", "hamlet", 'Ví dụ "ấp Tân Điền".', max_length=100),
    "slug": Slug(
        "Địa chỉ trang",
        "slug",
        "Phần cuối địa chỉ /mo-hinh/<slug>/; mặc định là tên tệp. Không đổi sau khi đã đăng.",
    ),
    "aliases": ListOf(
        Slug(),
        "Địa chỉ cũ",
        "old addresses",
        "Slug cũ khi đổi địa chỉ trang; địa chỉ cũ tự chuyển về trang mới, đường link đã đăng không hỏng.",
    ),
    "tags": ListOf(
        Text(max_length=60), "Từ khóa", "tags", 'Danh sách, ví dụ ["đê bao", "ngăn mặn"]; tối đa 20.', max_items=20
    ),
    "images": ListOf(IMAGE, "Ảnh", "images", "Danh sách ảnh: file, alt, caption, credit."),
    "sources": ListOf(
        Either(SourceRef(), SOURCE),
        "Nguồn",
        "sources",
        'Mã nguồn trong content/sources.yaml (ví dụ ["bai-viet-2024-12-30"]), hoặc nhóm khóa title, author, '
        "publisher, date, url.",
        single=True,
    ),
    "decision": Record(
        DECISION.keys,
        "Quyết định công nhận",
        "decision",
        "number và date; nếu chưa có, bỏ trống (trang hiện “Đang cập nhật”).",
        build=DECISION.build,
    ),
    "replication": Flag("Được chọn nhân rộng", "selected for replication", "true hoặc false."),
    "featured": Flag("Nổi bật", "featured", "true để đưa lên trang chủ."),
    "draft": Flag(
        "Bản nháp",
        "draft",
        "true: chưa đăng; chỉ hiện khi xem trước (serve) hoặc build --drafts, có dòng “Bản nháp”.",
    ),
    "published": Date(
        "Ngày đăng",
        "published",
        'Ngày trang được đăng lần đầu, "dd/mm/yyyy"; lệnh new tự ghi.',
        required=True,
        past=True,
    ),
    "updated": Date("Ngày cập nhật", "updated", 'Ngày sửa nội dung gần nhất, "dd/mm/yyyy"; không bắt buộc.', past=True),
}
MODEL_RECORD = Record(MODEL)

# -- vocabularies: content/fields.yaml, districts.yaml, levels.yaml -------------------------------


def _term(values: dict) -> Term:
    return Term(
        values["id"],
        values["label"],
        values.get("variants", ()),
        full_name=values["label"],
        note=values.get("note"),
        in_sentence=values.get("in_sentence", ""),
        aliases=values.get("aliases", ()),
    )


def _district(values: dict) -> Term:
    label = values["name"]
    full = f"{values.get('type', '')} {label}".strip()
    return Term(
        values["id"],
        label,
        values.get("variants", ()),
        full_name=full,
        code=values.get("gso_code", ""),
        note=values.get("note"),
        in_sentence=values.get("in_sentence", ""),
        aliases=values.get("aliases", ()),
    )


VARIANTS = ListOf(
    Text(), "Cách viết khác", "variants", "Những cách biên tập viên hay gõ; được chấp nhận như tên chính."
)
TERM_ID = Id("Mã", "id", "Dùng trong địa chỉ trang; không đổi sau khi đã đăng.", required=True)
TERM_NOTE = Fact("Ghi chú", "note", "Hiện trên trang của mục này.")
IN_SENTENCE = Text("Tên trong câu", "name in a sentence", 'Ví dụ "toàn tỉnh Bến Tre"; mặc định là tên đầy đủ.')
TERM_ALIASES = ListOf(Slug(), "Mã cũ", "former ids", "Mã cũ khi đổi mã; trang cũ tự chuyển về trang mới.")


def _vocabulary(term: Record) -> Record:
    """A vocabulary file: its name, notes for its pages, then its terms (ids unique, in display order)."""
    return Record(
        {
            "name": Text("Tên danh sách", "name", "Tên gọi trong thông báo lỗi, ví dụ “lĩnh vực”.", required=True),
            "name_en": Text("Tên tiếng Anh", "English name", "Ví dụ “field”.", required=True),
            "note": Fact("Ghi chú trang danh sách", "index note", "Hiện trên trang liệt kê mọi mục."),
            "term_note": Fact("Ghi chú mỗi mục", "term note", "Hiện trên trang của mỗi mục; {label} là tên mục."),
            "terms": ListOf(term, "Các mục", "terms", required=True, min_items=1, unique="id"),
        },
        build=lambda values: Vocabulary(**values),
    )


LABELLED_TERM = Record(
    {
        "id": TERM_ID,
        "label": Text("Tên", "label", required=True),
        "variants": VARIANTS,
        "note": TERM_NOTE,
        "in_sentence": IN_SENTENCE,
        "aliases": TERM_ALIASES,
    },
    build=_term,
)
VOCABULARIES: dict[str, Record] = {
    "fields": _vocabulary(LABELLED_TERM),
    "districts": _vocabulary(
        Record(
            {
                "id": TERM_ID,
                "type": Text("Loại", "type", '"huyện", "thành phố", "thị xã", hoặc để trống cho nhóm toàn tỉnh.'),
                "name": Text("Tên", "name", required=True),
                "gso_code": Text("Mã thống kê", "statistics code", "Mã của Tổng cục Thống kê trước ngày 01/7/2025."),
                "variants": VARIANTS,
                "note": TERM_NOTE,
                "in_sentence": IN_SENTENCE,
                "aliases": TERM_ALIASES,
            },
            build=_district,
        )
    ),
    "levels": _vocabulary(LABELLED_TERM),
}

# -- content/site.yaml ---------------------------------------------------------------------------


def _settings(values: dict) -> Settings:
    base_url = values["base_url"] if values["base_url"].endswith("/") else values["base_url"] + "/"
    return Settings(**(values | {"base_url": base_url}))


# The web form at /admin/ (showcase/admin.py): built only when site.yaml has this record.
ADMIN = Record(
    {
        "backend": OneOf(
            "Nơi lưu nội dung", "git host", "github hoặc gitlab.", required=True, options=("github", "gitlab")
        ),
        "repo": Text("Kho nội dung", "repository", 'Dạng "chủ/tên-kho" trên GitHub hoặc GitLab.', required=True),
        "branch": Text("Nhánh", "branch", 'Nhánh trang được tạo từ; mặc định "main".'),
        "base_url": Url(
            "Máy chủ đăng nhập",
            "login server",
            "GitHub: địa chỉ máy chủ OAuth; GitLab tự cài đặt: địa chỉ máy chủ GitLab. Bỏ trống nếu dùng mặc định.",
        ),
        "auth_endpoint": Text(
            "Đường dẫn đăng nhập", "login path", "Chỉ ghi khi máy chủ đăng nhập dùng đường dẫn khác mặc định."
        ),
        "app_id": Text("Mã ứng dụng GitLab", "GitLab application id", "GitLab: Application ID của ứng dụng OAuth."),
    },
    "Biên tập trên web",
    "web form",
    "Trang /admin/ để biên tập trong trình duyệt (docs/bien-tap-tren-web.md); bỏ trống thì không tạo.",
    build=lambda values: AdminSettings(**values),
)


SETTINGS = Record(
    {
        "title": Text("Tên trang", "site title", required=True),
        "short_title": Text("Tên ngắn", "short title", "Dùng sau tên mỗi trang trong thanh tiêu đề.", required=True),
        "description": Text("Mô tả", "description", "Mô tả trang chủ cho máy tìm kiếm.", required=True),
        "base_url": BaseUrl("Địa chỉ gốc", "base URL", "Địa chỉ công khai của trang, ví dụ https://…/.", required=True),
        "province": Text("Tỉnh", "province", 'Ví dụ "tỉnh Bến Tre".', required=True),
        "intro": ListOf(Fact(), "Giới thiệu", "introduction", "Các đoạn mở đầu trang chủ, mỗi đoạn có nguồn."),
        "origin": Fact("Nguồn gốc phong trào", "origin", "Câu trên trang chủ về lời dạy “Dân vận khéo”."),
        "about": ListOf(Fact(), "Giới thiệu trang", "about", "Các đoạn của trang /gioi-thieu/."),
        "footer_lines": ListOf(Text(max_length=300), "Dòng chân trang", "footer lines", max_items=10),
        "publisher": Text("Đơn vị quản lý trang", "publisher", "Để trống khi chưa có văn bản xác định."),
        "contact_address": Text("Địa chỉ liên hệ", "contact address", "Để trống nếu chưa biết."),
        "contact_email": Text("Thư điện tử liên hệ", "contact e-mail", "Để trống nếu chưa biết."),
        "contact_phone": Text("Điện thoại liên hệ", "contact phone", "Để trống nếu chưa biết."),
        "data_licence": Text("Giấy phép dữ liệu", "data licence", "Giấy phép của dữ liệu mở; để trống nếu chưa có."),
        "feed_size": Integer("Số mục mỗi nguồn tin", "feed entries", minimum=1, maximum=200),
        "default_level": Choice("Cấp công nhận mặc định", "default level", required=True, vocabulary="levels"),
        "per_page": Integer("Số mô hình mỗi trang", "models per page", required=True, minimum=1, maximum=200),
        "latest_on_home": Integer("Số mô hình mới trên trang chủ", "latest on home", minimum=0, maximum=50),
        "edit_url_base": Url("Địa chỉ sửa tệp", "edit URL base", "Để trống để ẩn liên kết “Sửa trang này”."),
        "admin": ADMIN,
    },
    build=_settings,
)

# -- content/figures.yaml ------------------------------------------------------------------------

FIGURE = Record(
    {
        "key": Id("Mã", "key", "Tên cố định của số liệu, ví dụ recognised.", required=True),
        "label": Text("Nhãn", "label", required=True),
        "value": Integer("Số", "value", required=True),
        "quote": Text("Nguyên văn", "quote", "Câu trong nguồn nêu số này."),
    },
    build=lambda values: FigureRow(**values),
)
FIELD_FIGURE = Record(
    {"value": Integer("Số", "value", required=True), "quote": Text("Nguyên văn", "quote")},
)
FIGURES = ListOf(
    Record(
        {
            "year": Integer("Năm", "year", required=True, minimum=Year.MIN_YEAR, maximum=2100),
            "scope": Text("Cấp", "scope", 'Cấp mà mọi số trong năm được tính, ví dụ "cấp tỉnh".', required=True),
            "source": SourceRef("Nguồn", "source", required=True),
            "headline": Fact("Câu tóm tắt", "headline", "Hiện trên trang chủ."),
            "rows": ListOf(FIGURE, "Các số liệu", "rows", required=True, min_items=1, unique="key"),
            "by_field": MapOf(
                Choice("Lĩnh vực", "field", vocabulary="fields"), FIELD_FIGURE, "Theo lĩnh vực", "by field"
            ),
        },
        build=lambda values: _year_figures(values),
    ),
    unique="year",
)


def _year_figures(values: dict) -> YearFigures:
    by_field = tuple(FigureRow(k, "", f["value"], f.get("quote", "")) for k, f in values.get("by_field", {}).items())
    return YearFigures(**values | {"rows": values["rows"], "by_field": by_field})


# -- content/replication.yaml ---------------------------------------------------------------------

REPLICATION = Record(
    {
        "title": Text("Tiêu đề", "title", required=True),
        "intro": Fact("Giới thiệu", "intro", required=True),
        "selected_year": Integer("Năm chọn", "selected year", required=True, minimum=Year.MIN_YEAR, maximum=2100),
        "period": Text("Giai đoạn", "period", required=True),
        "selected_by": Text("Cơ quan chọn", "selected by", required=True),
        "types": ListOf(
            Record(
                {
                    "slug": Slug("Mã", "slug", required=True),
                    "title": Text("Tên", "title", required=True),
                    "field": Choice("Lĩnh vực", "field", required=True, vocabulary="fields"),
                    "field_inferred": Flag("Lĩnh vực suy ra", "field inferred"),
                    "note": Fact("Ghi chú", "note"),
                },
                build=lambda values: ReplicationType(**values),
            ),
            "Các loại mô hình",
            "types",
            required=True,
            min_items=1,
            unique="slug",
        ),
        "more": ListOf(Fact(), "Các lựa chọn khác", "more", "Các lựa chọn nhân rộng khác mà nguồn nêu."),
    },
    build=lambda values: Replication(**values),
)

# -- content/sap-xep-2025.yaml: communes of 2024 and the communes they became ----------------------

REFORM = Record(
    {
        "sentence": Text(
            "Câu trên trang mô hình", "sentence", "Có chỗ trống {old}, {district}, {new}, {clause}.", required=True
        ),
        "source": SourceRef("Nguồn", "source", required=True),
        "communes": ListOf(
            Record(
                {
                    "old": Text("Xã cũ", "old commune", required=True),
                    "district": Choice("Huyện cũ", "old district", required=True, vocabulary="districts"),
                    "new": Text("Xã mới", "new commune", required=True),
                    "clause": Integer("Khoản", "clause", required=True, minimum=1),
                    "code": Text("Mã thống kê cũ", "old statistics code"),
                },
                build=lambda values: CommuneChange(**values),
            ),
            "Các xã",
            "communes",
            required=True,
            min_items=1,
        ),
    },
    build=lambda values: Reform(**values),
)


# -- content/withdrawn.yaml: published model pages taken down, whose addresses keep a page -------

WITHDRAWN = ListOf(
    Record(
        {
            "slug": Slug(
                "Địa chỉ đã đăng", "published slug", "Phần cuối địa chỉ /mo-hinh/<slug>/ đã đăng.", required=True
            ),
            "title": Text("Tên mô hình lúc đăng", "title", required=True),
            "reason": Fact(
                "Lý do gỡ", "reason", "Vì sao trang được gỡ, kèm nguồn (văn bản, quyết định).", required=True
            ),
            "date": Date("Ngày gỡ", "date"),
            "related": ListOf(Slug(), "Mô hình liên quan", "related", "Slug các mô hình nên đọc thay thế."),
        },
        build=lambda values: Withdrawn(**values),
    ),
    unique="slug",
)


SYNONYMS = ListOf(
    Record(
        {
            "words": Text(
                "Từ trên trang",
                "words",
                "Các từ như trang viết, ví dụ “Ủy ban nhân dân”.",
                required=True,
                max_length=120,
            ),
            "typed": ListOf(
                Text(max_length=60),
                "Cách gõ của người đọc",
                "typed",
                'Chữ viết tắt, tên thường gọi, từ tiếng Anh, ví dụ ["UBND", "people\'s committee"].',
                required=True,
                min_items=1,
                max_items=30,
            ),
            "note": Text("Ghi chú", "note", "Vì sao hai cách viết cùng nghĩa, nếu cần nói rõ."),
        },
        build=lambda values: Synonym(**values),
    ),
    unique="words",
)


# -- the dataclasses the build makes from these declarations must have exactly their keys -------

DERIVED_MODEL_FIELDS = frozenset(
    {"source_path", "body_html", "body_images", "documents", "links", "title_key"}
)  # computed, not written by editors


def mismatch(keys: dict[str, Spec], cls: type, derived: frozenset[str] = frozenset()) -> tuple[set, set]:
    """(declared keys the dataclass lacks, dataclass fields no key declares) for a record and its class."""
    names = {f.name for f in dataclasses.fields(cls)}
    return set(keys) - names, names - set(keys) - derived


def _check_dataclasses() -> None:
    """A key declared without its dataclass field would fail mid-build; fail at import instead."""
    for keys, cls, derived in ((MODEL, Model, DERIVED_MODEL_FIELDS), (SETTINGS.keys, Settings, frozenset())):
        missing, undeclared = mismatch(keys, cls, derived)
        if missing or undeclared:
            raise RuntimeError(
                f"showcase/schema.py and {cls.__name__} (showcase/model.py) disagree: keys without a field "
                f"{sorted(missing)}, fields without a key {sorted(undeclared)}"
            )


_check_dataclasses()
