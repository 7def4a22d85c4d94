"""The message catalogue: every problem's wording, Vietnamese then English, keyed by a stable code.

Tests pin these texts and the editor guide lists the codes, so change wording here only.
Placeholders: {key}, {expected}, {got} and the named values each caller passes.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Entry:
    vi: str
    en: str
    hint: str | None = None
    warning: bool = False


HINTS: dict[str, str] = {
    "did-you-mean": "Có phải “{meant}”? / Did you mean “{meant}”?",
    "pick-from": "Chọn một giá trị trong {file}. / Pick a value from {file}.",
    "see-guide": "Xóa dòng này hoặc xem danh sách khóa trong hướng dẫn biên tập. / Remove it or see the editor guide.",
    "one-of": "Có thể là {choices_vi}: hãy ghi đúng một giá trị. / It could be {choices_en}: write the one meant.",
    "day-month-swapped": "Có phải “{meant}”? Ghi ngày trước, tháng sau. / Did you mean “{meant}”? Day first.",
    "check-date": "Kiểm tra lại ngày trong văn bản nguồn. / Check the date in the source document.",
}

# Why a date written as dd/mm/yyyy does not exist (the {why} of "date-impossible"), Vietnamese and English.
DATE_REASONS: dict[str, tuple[str, str]] = {
    "no-day": ("không có ngày 0", "there is no day 0"),
    "no-month": ("không có tháng {month}", "there is no month {month}"),
    "short-month": ("tháng {month}/{year} chỉ có {days} ngày", "month {month}/{year} has {days} days"),
}


def hint(name: str, **values: object) -> str:
    """A reusable hint sentence (Vietnamese / English), filled in."""
    return HINTS[name].format(**values)


QUOTE_HINT = 'Đặt giá trị trong dấu ngoặc kép, ví dụ: {key}: "{got}" / Put the value in double quotes.'

CATALOGUE: dict[str, Entry] = {
    "encoding": Entry(
        "Tệp không được lưu ở mã UTF-8 (byte lạ ở dòng này).",
        "The file is not saved as UTF-8 (unexpected byte on this line).",
        "Mở tệp và lưu lại với mã hóa UTF-8 (Notepad: Save As → Encoding: UTF-8). "
        "/ Open the file and save it again as UTF-8.",
    ),
    "empty-file": Entry(
        "Tệp rỗng.",
        "The file is empty.",
        "Tệp cần có phần thông tin giữa hai dòng --- rồi đến nội dung. "
        "/ A model file needs front-matter between two --- lines, then its text.",
    ),
    "frontmatter-missing": Entry(
        "Tệp không bắt đầu bằng phần thông tin (dòng ---).",
        "The file does not start with front-matter (a --- line).",
        "Dòng đầu tiên của tệp phải là ---. / The first line of the file must be ---.",
    ),
    "frontmatter-unterminated": Entry(
        "Phần thông tin mở bằng --- nhưng không có dòng --- để đóng.",
        "The front-matter opened with --- is never closed by a --- line.",
        "Thêm một dòng --- sau khóa cuối cùng. / Add a --- line after the last key.",
    ),
    "frontmatter-not-mapping": Entry(
        "Phần thông tin phải là danh sách các dòng “khóa: giá trị”.",
        "The front-matter must be a set of “key: value” lines.",
        'Mỗi dòng có dạng title: "Tên mô hình". / Each line looks like title: "Model name".',
    ),
    "yaml-syntax": Entry(
        "Lỗi cú pháp YAML: {detail}.",
        "YAML syntax error: {detail_en}.",
        "Đặt giá trị trong dấu ngoặc kép nếu nó chứa dấu hai chấm, dấu # hoặc ngoặc kép. "
        "/ Put the value in double quotes if it contains a colon, # or quotes.",
    ),
    "yaml-duplicate-key": Entry(
        "Khóa “{key}” xuất hiện hai lần (lần đầu ở dòng {first_line}).",
        "Key “{key}” appears twice (first on line {first_line}).",
        "Giữ một dòng và xóa dòng còn lại. / Keep one line and delete the other.",
    ),
    "yaml-alias": Entry(
        "Không dùng neo và tham chiếu YAML (&, *) trong phần thông tin.",
        "YAML anchors and aliases (&, *) are not allowed in front-matter.",
        "Viết giá trị đầy đủ, hoặc đặt trong dấu ngoặc kép nếu nó bắt đầu bằng & hoặc *. "
        "/ Write the value out, or quote it if it starts with & or *.",
    ),
    "key-missing": Entry(
        "Thiếu khóa bắt buộc “{key}” ({label}).",
        "Missing required key “{key}” ({label_en}).",
        "Thêm một dòng {key}: ... vào phần thông tin. / Add a line {key}: ... to the front-matter.",
    ),
    "key-unknown": Entry(
        "Khóa “{key}” không có trong danh sách khóa.",
        "Unknown key “{key}”.",
        "{suggestion}",
        warning=True,
    ),
    "value-not-text": Entry(
        "Giá trị của “{key}” phải là chữ, nhưng YAML đọc “{got}” thành {yaml_type}.",
        "The value of “{key}” must be text, but YAML reads “{got}” as {yaml_type_en}.",
        QUOTE_HINT,
    ),
    "value-empty": Entry(
        "Khóa “{key}” không được để trống.",
        "Key “{key}” must not be empty.",
        "Điền giá trị, hoặc xóa dòng nếu khóa không bắt buộc. / Fill it in, or delete the line if the key is optional.",
    ),
    "value-type": Entry(
        "Giá trị của “{key}” không đúng kiểu.",
        "The value of “{key}” has the wrong type.",
        "Xem ví dụ trong hướng dẫn biên tập (docs/huong-dan-bien-tap.md). / See the example in the editor guide.",
    ),
    "value-unknown": Entry(
        "“{got}” không có trong danh sách {vocabulary}.",
        "“{got}” is not a known {vocabulary_en}.",
        "{suggestion}",
    ),
    "year-invalid": Entry(
        "Năm phải là số nguyên từ {minimum} đến {maximum}.",
        "The year must be a whole number from {minimum} to {maximum}.",
        "Ví dụ: year: 2024 / Example: year: 2024",
    ),
    "date-invalid": Entry(
        "Ngày “{got}” không đúng dạng ngày/tháng/năm.",
        "Date “{got}” is not a valid dd/mm/yyyy date.",
        'Ví dụ: "30/12/2024" (trong dấu ngoặc kép). / Example: "30/12/2024" (in quotes).',
    ),
    "url-invalid": Entry(
        "Địa chỉ “{got}” không hợp lệ.",
        "Address “{got}” is not allowed.",
        "Dùng địa chỉ bắt đầu bằng https:// hoặc http://. / Use an address starting with https:// or http://.",
    ),
    "slug-invalid": Entry(
        "Không tạo được địa chỉ trang từ “{got}”.",
        "No page address can be made from “{got}”.",
        'Đặt khóa slug gồm chữ không dấu, số và dấu gạch ngang, ví dụ slug: "ten-mo-hinh". '
        "/ Set a slug of plain letters, digits and hyphens.",
    ),
    "slug-duplicate": Entry(
        "Địa chỉ /mo-hinh/{got}/ đã được dùng bởi tệp {other}.",
        "Address /mo-hinh/{got}/ is already used by {other}.",
        "Đổi tên một trong hai tệp, hoặc thêm khóa slug khác nhau. / Rename one file, or give each a different slug.",
    ),
    "image-missing": Entry(
        "Không tìm thấy tệp ảnh “{got}”.",
        "Image file “{got}” does not exist.",
        "Đường dẫn ảnh tính từ thư mục chứa tệp mô hình; kiểm tra tên và phần mở rộng. "
        "/ Image paths are relative to the model file's folder; check the name and extension.",
    ),
    "file-too-large": Entry(
        "Tệp quá lớn cho một trang mô hình.",
        "The file is too large for one model page.",
        "Chia nội dung, hoặc bỏ phần dán nhầm (ảnh dán trực tiếp, bảng tính). "
        "/ Split the text, or remove what was pasted by mistake (inline images, spreadsheets).",
    ),
    "frontmatter-too-large": Entry(
        "Phần thông tin đầu tệp quá dài.",
        "The front-matter is too long.",
        "Phần thông tin chỉ chứa các khóa ngắn; đưa phần mô tả xuống nội dung. "
        "/ Keep front-matter to short keys; move descriptions into the text.",
    ),
    "markdown-too-complex": Entry(
        "Nội dung quá phức tạp để chuyển thành trang (vượt {budget} giây hoặc lồng quá sâu).",
        "The text is too complex to render (over {budget} s or nested too deeply).",
        "Kiểm tra phần dán từ nơi khác: dấu ngoặc, dấu > hoặc danh sách lồng nhau lặp lại nhiều lần. "
        "/ Check pasted text for long runs of brackets, > or nested lists.",
    ),
    "text-legacy": Entry(
        "Chữ tiếng Việt bị lỗi mã ({encoding}): “{got}”.",
        "Vietnamese text in a legacy encoding ({encoding_en}): “{got}”.",
        "Dùng Unikey → Công cụ (Ctrl+Shift+F6) → Chuyển mã từ {encoding} sang Unicode, rồi dán lại. "
        "/ Convert it with Unikey's converter (Ctrl+Shift+F6) to Unicode and paste it again.",
    ),
    "slug-reserved": Entry(
        "Địa chỉ “{got}” trùng tên dành riêng của Windows hoặc quá dài.",
        "Address “{got}” is a name Windows reserves, or too long.",
        "Đặt khóa slug khác, ví dụ thêm tên xã. / Set a different slug, e.g. add the commune's name.",
    ),
    "path-unsafe": Entry(
        "Đường dẫn “{got}” trỏ ra ngoài thư mục nội dung hoặc có ký tự không được phép.",
        "Path “{got}” points outside the content folder or uses characters that are not allowed.",
        "Dùng đường dẫn tương đối, dấu /, không có “..”, ví dụ: anh/de-bao.jpg. "
        "/ Use a relative path with /, without “..”, e.g. anh/de-bao.jpg.",
    ),
    "body-empty": Entry(
        "Tệp chưa có nội dung sau phần thông tin.",
        "The file has no text after its front-matter.",
        "Viết phần giới thiệu mô hình; nếu chưa có, ghi “Đang cập nhật.” "
        "/ Describe the model, or write “Đang cập nhật.”",
        warning=True,
    ),
    "data-missing": Entry(
        "Không tìm thấy tệp dữ liệu này.",
        "This data file does not exist.",
        "Khôi phục tệp từ git (git checkout -- {got}). / Restore it from git.",
    ),
    "number-invalid": Entry(
        "Giá trị của “{key}” phải là số nguyên từ {minimum} đến {maximum}.",
        "The value of “{key}” must be a whole number from {minimum} to {maximum}.",
        "Ghi số không có dấu chấm, dấu phẩy hay chữ, ví dụ: 20. / Write digits only, e.g. 20.",
    ),
    "id-invalid": Entry(
        "Mã “{got}” phải viết bằng chữ thường không dấu, số và dấu gạch ngang.",
        "Id “{got}” must be lowercase a-z, 0-9 and hyphens.",
        "Mã trở thành địa chỉ trang; ví dụ: {expected}. / The id becomes a page address, e.g. {expected}.",
    ),
    "value-not-list": Entry(
        "“{key}” là một danh sách, nhưng đang ghi một giá trị; được hiểu là danh sách một mục.",
        "“{key}” is a list but holds a single value; it is read as a one-item list.",
        'Viết dạng danh sách: {key}: ["{got}"] (thêm mục, cách nhau bằng dấu phẩy). '
        '/ Write it as a list: {key}: ["{got}"].',
        warning=True,
    ),
    "synonym-duplicate": Entry(
        "Cách gõ “{got}” đã có ở mục “{expected}”.",
        "The typed form “{got}” is already listed for “{expected}”.",
        "Mỗi cách gõ chỉ dẫn tới một nhóm từ: xóa một trong hai. / Each typed form leads to one set of words.",
    ),
    "synonym-real-word": Entry(
        "Cách gõ “{got}” cũng là một từ có trên các trang.",
        "The typed form “{got}” is also a word the pages use.",
        "Tìm “{got}” sẽ ra cả những trang không nói về điều này; chọn cách gõ khác hoặc bỏ nó. "
        "/ Searching for it would also find pages about something else.",
        warning=True,
    ),
    "synonym-unused": Entry(
        "Chưa trang mô hình nào có các từ “{got}”.",
        "No model page has the words “{got}” yet.",
        "Viết đúng như trên trang (ví dụ “Ủy ban nhân dân”), hoặc giữ lại cho các mô hình sắp đăng. "
        "/ Write the words as the pages do, or keep the entry for models to come.",
        warning=True,
    ),
    "statement-unsourced": Entry(
        "Câu nêu sự kiện ở “{key}” chưa có nguồn.",
        "The statement in “{key}” has no source.",
        "Thêm source: <mã nguồn trong content/sources.yaml>, hoặc about_site: true nếu câu nói về chính trang này. "
        "/ Add source: <an id from content/sources.yaml>, or about_site: true if it is about this site.",
        warning=True,
    ),
    "text-english": Entry(
        "Từ tiếng Anh “{got}” trong văn bản tiếng Việt.",
        "English word “{got}” in Vietnamese text.",
        "Dùng từ tiếng Việt: {expected} (docs/thuat-ngu.md). / Use the Vietnamese word.",
        warning=True,
    ),
    "tone-style-mixed": Entry(
        "Tệp dùng lẫn hai kiểu đặt dấu thanh: {got}.",
        "The file mixes old and new tone-mark placement: {got}.",
        "Dùng một kiểu trong cả tệp (Unikey: Bảng điều khiển → Đặt dấu oà, uý). / Use one placement in the whole file.",
        warning=True,
    ),
    "template-fact": Entry(
        "Mẫu trang có câu chứa chữ số: “{got}”.",
        "A template holds a sentence with a digit: “{got}”.",
        "Sự kiện (ngày, số liệu, số văn bản) phải nằm trong content/ kèm nguồn, không nằm trong mẫu trang. "
        "/ Facts belong in content/ with their source, not in templates.",
        warning=True,
    ),
    "url-removed": Entry(
        "Địa chỉ đã đăng {got} sẽ không còn trang nào.",
        "Published address {got} would no longer exist.",
        "{cause}",
    ),
    "url-unrecorded": Entry(
        "Địa chỉ mới {got} chưa có trong {file}.",
        "New address {got} is not in {file} yet.",
        "Lệnh build.py (không có --strict) tự thêm địa chỉ mới vào {file}; hãy commit tệp này cùng nội dung. "
        "/ A build without --strict adds new addresses to {file}; commit it with the content.",
        warning=True,
    ),
    "related-unknown": Entry(
        "Mô hình liên quan “{got}” không có trang nào.",
        "Related model “{got}” has no page.",
        "Dùng slug của một mô hình đang đăng. / Use the slug of a published model.",
    ),
    "link-broken": Entry(
        "Đường dẫn {got} trỏ tới một trang không có trên trang thông tin này.",
        "Link {got} points to a page this site does not have.",
        "{suggestion}",
    ),
    "file-missing": Entry(
        "Không tìm thấy tệp “{got}” mà nội dung dẫn tới.",
        "File “{got}” that the text links to does not exist.",
        "Đặt tệp cạnh tệp mô hình (ví dụ tai-lieu/quyet-dinh.pdf) và kiểm tra tên, phần mở rộng ({expected}). "
        "/ Put the file beside the model file and check its name and extension.",
    ),
    "models-folder-missing": Entry(
        "Không tìm thấy thư mục mô hình {got}.",
        "The models folder {got} does not exist.",
        "Kiểm tra nhánh git đang dùng và thư mục --content; trang không được tạo khi không có mô hình nào. "
        "/ Check the git branch and --content; nothing is published without the models folder.",
    ),
    "base-url-invalid": Entry(
        "Địa chỉ gốc “{got}” không dùng được để đăng trang.",
        "Base URL “{got}” cannot be the address the site is published at.",
        "Dùng địa chỉ đầy đủ bắt đầu bằng https://, không có ?, # hay tên người dùng, ví dụ https://dvk.example.vn/. "
        "/ Use a full https:// address without ?, # or credentials.",
    ),
    "base-url-local": Entry(
        "Địa chỉ gốc là {got}: đường dẫn chuẩn, thẻ chia sẻ và cách dẫn nguồn sẽ trỏ về máy này.",
        "The base URL is {got}: canonical links, share cards and citations would point at this machine.",
        "Khi đăng trang, dùng --base-url https://… hoặc sửa base_url trong content/site.yaml. "
        "/ To publish, pass --base-url https://… or set base_url in content/site.yaml.",
        warning=True,
    ),
    "value-invisible": Entry(
        "Giá trị của “{key}” chỉ có ký tự vô hình (dấu cách đặc biệt, ký tự điều khiển).",
        "The value of “{key}” holds only invisible characters.",
        "Gõ lại giá trị; khi dán từ Word hoặc trình duyệt, hãy dán dạng văn bản thuần. "
        "/ Type the value again; paste as plain text.",
    ),
    "text-too-long": Entry(
        "Giá trị của “{key}” dài quá {limit} ký tự.",
        "The value of “{key}” is longer than {limit} characters.",
        "Rút gọn; phần giới thiệu dài đặt ở nội dung bên dưới phần thông tin. "
        "/ Shorten it; long descriptions belong in the text below the front-matter.",
    ),
    "list-too-long": Entry(
        "Danh sách “{key}” có quá {limit} mục.",
        "List “{key}” has more than {limit} items.",
        "Giữ những mục chính. / Keep the main ones.",
    ),
    "image-too-large": Entry(
        "Ảnh “{got}” vượt giới hạn ({expected}).",
        "Image “{got}” is over the limit ({expected}).",
        "Thu nhỏ ảnh trước khi thêm (ví dụ: rộng 4000 điểm ảnh là đủ), rồi lưu lại dạng JPEG. "
        "/ Resize the photo (4000 pixels wide is plenty) and save it as JPEG.",
    ),
    "image-not-image": Entry(
        "Tệp “{got}” không phải ảnh {expected} như phần mở rộng của nó.",
        "File “{got}” is not the {expected} image its extension says.",
        "Mở ảnh bằng trình xem ảnh và lưu lại đúng định dạng (JPEG, PNG, WebP, GIF); không đổi tên tệp khác thành ảnh. "
        "/ Open it in an image viewer and save it again as JPEG, PNG, WebP or GIF.",
    ),
    "image-alt-missing": Entry(
        "Ảnh “{got}” trong nội dung thiếu mô tả.",
        "Picture “{got}” in the text has no description.",
        'Viết mô tả trong ngoặc vuông: ![Người dân đắp đê bao](anh/de-bao.jpg "Ảnh: Nguyễn Hiếu"). '
        "/ Describe it between the brackets.",
    ),
    "image-credit-missing": Entry(
        "Ảnh “{got}” trong nội dung thiếu tên tác giả ảnh.",
        "Picture “{got}” in the text has no credit.",
        'Ghi tác giả trong ngoặc kép sau đường dẫn: ![Mô tả](anh/de-bao.jpg "Ảnh: Nguyễn Hiếu"). '
        "/ Put the credit in quotes after the path.",
    ),
    "date-future": Entry(
        "Ngày “{got}” của “{key}” chưa tới.",
        "Date “{got}” of “{key}” is in the future.",
        "Ghi ngày đã diễn ra, dạng dd/mm/yyyy. / Write a date that has happened, as dd/mm/yyyy.",
    ),
    "date-order": Entry(
        "Ngày cập nhật “{got}” trước ngày đăng “{expected}”.",
        "Updated “{got}” is before published “{expected}”.",
        "Ngày cập nhật phải bằng hoặc sau ngày đăng. / The update comes on or after publication.",
    ),
    "list-empty": Entry(
        "Danh sách “{key}” cần ít nhất {minimum} mục.",
        "List “{key}” needs at least {minimum} item(s).",
        "Thêm mục, mỗi mục một dòng bắt đầu bằng “- ”. / Add items, each on a line starting with “- ”.",
    ),
    "value-curly-quotes": Entry(
        "Giá trị của “{key}” nằm trong cặp dấu ngoặc {quotes}; trang dùng giá trị bên trong: {used}",
        "The value of “{key}” is wrapped in the quotes {quotes}; the site uses what is inside: {used}",
        'Bỏ hai dấu ngoặc ở đầu và cuối; nếu cần, dùng ngoặc kép thẳng: {key}: "{used}" '
        '/ Remove the quotes at both ends; YAML quotes are straight: {key}: "{used}"',
        warning=True,
    ),
    "value-read-as": Entry(
        "“{got}” được hiểu là {vocabulary} “{expected}” (bỏ qua “{dropped}”).",
        "“{got}” is read as the {vocabulary_en} “{expected}” (ignoring “{dropped}”).",
        'Chỉ ghi {vocabulary}: {key}: "{expected}" / Write the {vocabulary_en} alone: {key}: "{expected}"',
        warning=True,
    ),
    "date-impossible": Entry(
        "Ngày “{got}” không có thật: {why}.",
        "Date “{got}” does not exist: {why_en}.",
        "{advice}",
    ),
    "yaml-tab": Entry(
        "Có ký tự Tab (⇥) ở dòng này; YAML chỉ nhận dấu cách.",
        "This line has a Tab character (⇥); YAML accepts only spaces.",
        "Xóa Tab và gõ dấu cách thay vào (2 dấu cách cho mỗi mức thụt lề). "
        "/ Replace the Tab with spaces (2 per indentation level).",
    ),
    "yaml-quote-inside": Entry(
        "Giá trị trong dấu ngoặc kép bị đóng sớm: có dấu ngoặc kép ở giữa giá trị.",
        "The quoted value ends too early: there is a quote inside it.",
        'Bên trong giá trị, dùng ngoặc kép cong “…” (hoặc viết \\"), ví dụ: title: "Trường học “Xanh - Sạch”" '
        '/ Inside the value, use curly quotes “…” (or write \\"), e.g. title: "Trường học “Xanh - Sạch”"',
    ),
    "yaml-quote-unclosed": Entry(
        "Dấu ngoặc kép mở ở dòng này không được đóng.",
        "A quote opened on this line is never closed.",
        "Thêm dấu ngoặc kép ở cuối giá trị, trên cùng dòng. / Add the closing quote at the end of the value.",
    ),
    "yaml-colon-space": Entry(
        "Thiếu dấu cách sau dấu hai chấm của khóa “{key}”.",
        "There is no space after the colon of key “{key}”.",
        'Ghi một dấu cách sau dấu hai chấm, ví dụ: {key}: "…" / Put a space after the colon, e.g. {key}: "…"',
    ),
    "yaml-indent": Entry(
        "Dòng này thụt lề (bắt đầu bằng dấu cách) nhưng không thuộc danh sách hay nhóm khóa nào.",
        "This line is indented but belongs to no list or group of keys.",
        "Xóa các dấu cách ở đầu dòng. / Remove the spaces at the start of the line.",
    ),
    "yaml-escape": Entry(
        "Dấu \\ trong giá trị đặt trong ngoặc kép phải đi cùng một ký tự đặc biệt (như \\n).",
        "A \\ inside a double-quoted value must start an escape such as \\n.",
        "Dùng dấu / thay cho \\, hoặc đặt giá trị trong dấu nháy đơn '…'. / Use / instead of \\, or single quotes.",
    ),
    "file-name-near": Entry(
        "Không có tệp “{got}”, nhưng có tệp gần giống: “{expected}”.",
        "There is no file “{got}”, but there is “{expected}”.",
        "Có phải “{expected}”? Tên tệp phải viết đúng từng ký tự: chữ hoa/thường, dấu cách, dấu gạch, phần mở rộng. "
        "/ Did you mean “{expected}”? A file name must match exactly: case, spaces, hyphens and extension.",
    ),
    "value-comma-list": Entry(
        "“{key}” là danh sách nhưng đang ghi một chuỗi có dấu phẩy; được tách thành {count} mục: {items}.",
        "“{key}” is a list but holds one text with commas; it is split into {count} items: {items}.",
        "Viết dạng danh sách: {key}: [{quoted}] / Write it as a list: {key}: [{quoted}]",
        warning=True,
    ),
    "flag-spelling": Entry(
        "“{key}: {got}” được hiểu là {expected}; hãy ghi true hoặc false.",
        "“{key}: {got}” is read as {expected}; write true or false.",
        "Ghi {key}: {expected} / Write {key}: {expected}",
        warning=True,
    ),
    "year-folder": Entry(
        "Năm công nhận {got} khác với thư mục năm {expected} chứa tệp.",
        "Year {got} differs from the year folder {expected} the file is in.",
        "Nếu năm {got} đúng, chuyển tệp sang thư mục {folder_meant}; nếu không, ghi year: {expected}. "
        "/ If {got} is right, move the file to {folder_meant}; otherwise write year: {expected}.",
        warning=True,
    ),
    "data-duplicate": Entry(
        "Mã “{got}” được khai báo hai lần.",
        "Id “{got}” is declared twice.",
        "Mỗi mã chỉ khai báo một lần. / Declare each id once.",
    ),
}
