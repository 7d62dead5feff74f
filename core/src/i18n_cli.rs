//! The command line's part of the vi/en catalogue: `--help` in Vietnamese (the English text is
//! each option's doc comment) and the usage errors, which clap would otherwise print in English.

use crate::i18n::Lang;

/// The words around the help text and the usage errors.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UsageText {
    /// Before the usage line: "Cách dùng:".
    Usage,
    /// The heading over the options.
    Options,
    /// The heading over the positional arguments.
    Arguments,
    /// The heading over the subcommands.
    Commands,
    /// `-h, --help`.
    HelpFlag,
    /// `-V, --version`.
    VersionFlag,
    /// Before a default value.
    Default,
    /// Before an environment variable's name.
    Env,
    /// The line pointing to `--help` after a usage error.
    SeeHelp,
}

pub fn usage_text(text: UsageText, lang: Lang) -> &'static str {
    let (vi, en) = match text {
        UsageText::Usage => ("Cách dùng:", "Usage:"),
        UsageText::Options => ("Tùy chọn", "Options"),
        UsageText::Arguments => ("Đối số", "Arguments"),
        UsageText::Commands => ("Lệnh", "Commands"),
        UsageText::HelpFlag => ("In trợ giúp", "Print help"),
        UsageText::VersionFlag => ("In phiên bản", "Print version"),
        UsageText::Default => ("mặc định:", "default:"),
        UsageText::Env => ("biến môi trường:", "env:"),
        UsageText::SeeHelp => ("Xem thêm:", "For more information, try"),
    };
    lang.pick(vi, en)
}

/// A usage error: what was typed wrong on the command line (exit code 2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UsageError {
    /// `value` is not valid for `option`; `why` says what is (already in the user's language).
    BadValue {
        option: String,
        value: String,
        why: Option<String>,
    },
    UnknownOption {
        option: String,
        suggestion: Option<String>,
    },
    UnknownCommand {
        command: String,
        suggestion: Option<String>,
    },
    Missing {
        what: Vec<String>,
    },
    Conflict {
        option: String,
        with: String,
    },
    /// Any other malformed command line (too many values, a value where none goes, …).
    Malformed {
        option: String,
    },
    /// A command that needs a subcommand was given none.
    NoSubcommand,
}

pub fn usage_error(err: &UsageError, lang: Lang) -> String {
    let suggest = |s: &Option<String>| match (s, lang) {
        (Some(s), Lang::Vi) => format!(" (có phải “{s}”?)"),
        (Some(s), Lang::En) => format!(" (did you mean “{s}”?)"),
        (None, _) => String::new(),
    };
    match (err, lang) {
        (UsageError::BadValue { option, value, why }, Lang::Vi) => {
            let why = why.as_ref().map(|w| format!(": {w}")).unwrap_or_default();
            format!("giá trị “{value}” không hợp lệ cho {option}{why}")
        }
        (UsageError::BadValue { option, value, why }, Lang::En) => {
            let why = why.as_ref().map(|w| format!(": {w}")).unwrap_or_default();
            format!("“{value}” is not a valid value for {option}{why}")
        }
        (UsageError::UnknownOption { option, suggestion }, Lang::Vi) => {
            format!("không có tùy chọn “{option}”{}", suggest(suggestion))
        }
        (UsageError::UnknownOption { option, suggestion }, Lang::En) => {
            format!("there is no option “{option}”{}", suggest(suggestion))
        }
        (
            UsageError::UnknownCommand {
                command,
                suggestion,
            },
            Lang::Vi,
        ) => format!("không có lệnh “{command}”{}", suggest(suggestion)),
        (
            UsageError::UnknownCommand {
                command,
                suggestion,
            },
            Lang::En,
        ) => format!("there is no command “{command}”{}", suggest(suggestion)),
        (UsageError::Missing { what }, Lang::Vi) => format!("còn thiếu: {}", what.join(", ")),
        (UsageError::Missing { what }, Lang::En) => format!("missing: {}", what.join(", ")),
        (UsageError::Conflict { option, with }, Lang::Vi) => {
            format!("không dùng {option} cùng với {with}")
        }
        (UsageError::Conflict { option, with }, Lang::En) => {
            format!("{option} cannot be used with {with}")
        }
        (UsageError::Malformed { option }, Lang::Vi) => format!("viết sai đối số {option}"),
        (UsageError::Malformed { option }, Lang::En) => format!("malformed argument {option}"),
        (UsageError::NoSubcommand, Lang::Vi) => "lệnh này cần một lệnh con".into(),
        (UsageError::NoSubcommand, Lang::En) => "this command needs a subcommand".into(),
    }
}

/// What a bad option value should have been (the `why` of [`UsageError::BadValue`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ValueRule {
    /// A whole number from `min` to `max`.
    WholeNumber { min: u64, max: u64 },
    /// One of these codes (or their labels).
    OneOf(Vec<String>),
}

pub fn value_rule(rule: &ValueRule, lang: Lang) -> String {
    match (rule, lang) {
        (ValueRule::WholeNumber { min, max }, Lang::Vi) => {
            format!("phải là số nguyên từ {min} đến {max}")
        }
        (ValueRule::WholeNumber { min, max }, Lang::En) => {
            format!("must be a whole number from {min} to {max}")
        }
        (ValueRule::OneOf(choices), Lang::Vi) => format!("chọn một trong: {}", choices.join(", ")),
        (ValueRule::OneOf(choices), Lang::En) => format!("choose one of: {}", choices.join(", ")),
    }
}

/// The Vietnamese help of a command (`key` = its path, e.g. `"petition advance"`) or of one of its
/// arguments (`"petition advance --to"`, `"citizen merge <a>"`; global options as `"--db"`).
/// English help is the argument's own doc comment. A test walks the whole command tree, so a
/// new option without its Vietnamese line fails there.
pub fn help_vi(key: &str) -> Option<&'static str> {
    HELP_VI.iter().find(|(k, _)| *k == key).map(|(_, v)| *v)
}

const HELP_VI: &[(&str, &str)] = &[
    ("", "Sổ tiếp công dân và theo dõi đơn thư"),
    (
        "--db",
        "Tệp cơ sở dữ liệu (mặc định: tiepdan.sqlite3 trong thư mục dữ liệu của máy).",
    ),
    (
        "--as",
        "Cán bộ thực hiện, ghi vào nhật ký kiểm toán (mặc định: tài khoản máy).",
    ),
    (
        "--today",
        "Làm việc “như vào ngày” này (YYYY-MM-DD hoặc dd/mm/yyyy): rà soát kỳ, kiểm thử.",
    ),
    ("--lang", "Ngôn ngữ: vi (mặc định) hoặc en."),
    (
        "--read-only",
        "Mở cơ sở dữ liệu chỉ để đọc (thanh tra): không ghi được gì.",
    ),
    ("visit", "Ghi một lượt tiếp công dân và đơn mang đến."),
    ("visit add", "Ghi lượt tiếp và đơn; in mã đơn mới."),
    (
        "visit add --name",
        "Họ tên công dân. Bỏ trống khi dùng --anonymous.",
    ),
    (
        "visit add --cccd",
        "Số CCCD (12 chữ số) hoặc CMND (9 chữ số).",
    ),
    ("visit add --phone", "Số điện thoại."),
    ("visit add --address", "Địa chỉ."),
    ("visit add --birth-year", "Năm sinh."),
    (
        "visit add --kind",
        "Loại đơn: khieu-nai, to-cao, kien-nghi, phan-anh. Bắt buộc trừ khi có --on.",
    ),
    (
        "visit add --round",
        "Lần khiếu nại: first (lần đầu) hoặc second (lần hai).",
    ),
    (
        "visit add --subject",
        "Nội dung vụ việc. Bắt buộc trừ khi có --on.",
    ),
    ("visit add --summary", "Tóm tắt."),
    (
        "visit add --field",
        "Lĩnh vực: đất đai, giải phóng mặt bằng, quy hoạch, xây dựng, môi trường, chính sách, … (mặc định: other; với --on, theo đơn).",
    ),
    (
        "visit add --headcount",
        "Số người có mặt; từ 5 người là đoàn đông người.",
    ),
    ("visit add --leader", "Thủ trưởng cơ quan trực tiếp tiếp."),
    ("visit add --online", "Tiếp trực tuyến."),
    (
        "visit add --received",
        "Ngày nhận (YYYY-MM-DD hoặc dd/mm/yyyy); mặc định hôm nay.",
    ),
    (
        "visit add --visit-kind",
        "Hình thức tiếp: regular (thường xuyên), periodic (định kỳ), adhoc (đột xuất).",
    ),
    (
        "visit add --source",
        "Nguồn đơn: desk (trực tiếp), post (bưu điện), agency, press, higher (cấp trên).",
    ),
    (
        "visit add --complexity",
        "Tính chất: normal, complex (phức tạp), very_complex (đặc biệt phức tạp).",
    ),
    (
        "visit add --remote",
        "Vùng sâu, vùng xa (thời hạn dài hơn).",
    ),
    (
        "visit add --handling",
        "Hướng xử lý tại bàn: pending, accept (thụ lý), guide (hướng dẫn), transfer (chuyển), return (trả lại), file (lưu).",
    ),
    (
        "visit add --to-agency",
        "Cơ quan nhận khi chuyển đơn hoặc hướng dẫn.",
    ),
    ("visit add --repeat-of", "Mã đơn trước mà đơn này lặp lại."),
    (
        "visit add --on",
        "Công dân đến lại về đơn CODE: ghi lượt tiếp vào đơn đó (loại, nội dung, lĩnh vực lấy theo đơn); không tạo đơn mới.",
    ),
    ("visit add --anonymous", "Đơn nặc danh (không ghi họ tên)."),
    (
        "visit add --redact-mentions",
        "Đơn tố cáo: thay họ tên, số giấy tờ, số điện thoại của người tố cáo ghi trong nội dung/tóm tắt bằng \"[người tố cáo]\" khi lưu.",
    ),
    (
        "visit add --known-on",
        "Khiếu nại: ngày biết quyết định, hành vi bị khiếu nại (lần hai: ngày nhận quyết định giải quyết lần đầu hoặc ngày hết thời hạn giải quyết). Đơn nhận sau thời hạn khiếu nại vẫn được ghi, có đánh dấu và cảnh báo.",
    ),
    (
        "visit add --several-places",
        "Tố cáo: phải kiểm tra, xác minh tại nhiều địa điểm (thời hạn thụ lý 10 ngày làm việc, Luật Tố cáo 2018, Điều 24).",
    ),
    (
        "visit add --json",
        "In kết quả dạng JSON thay vì chỉ mã đơn.",
    ),
    (
        "schedule",
        "Lịch tiếp công dân của lãnh đạo: thêm ngày, xem lịch tháng với ngày đã tiếp và mức tối thiểu.",
    ),
    (
        "schedule add",
        "Thêm một ngày tiếp công dân của lãnh đạo vào lịch công bố (ghi nhật ký).",
    ),
    (
        "schedule add --leader",
        "Lãnh đạo (họ tên và chức vụ, ví dụ \"Chủ tịch UBND xã Nguyễn Văn An\").",
    ),
    (
        "schedule add --date",
        "Ngày tiếp (YYYY-MM-DD hoặc dd/mm/yyyy).",
    ),
    ("schedule add --note", "Ghi chú (địa điểm, giờ tiếp)."),
    (
        "schedule list",
        "Lịch một tháng với ngày đã tiếp, và số ngày của từng lãnh đạo so với mức tối thiểu.",
    ),
    (
        "schedule list --month",
        "Tháng, YYYY-MM (mặc định tháng này).",
    ),
    ("schedule list --json", "In dạng JSON."),
    ("petition", "Xem một đơn hoặc ghi một bước xử lý."),
    (
        "petition show",
        "Một đơn với lịch sử, hạn tiếp theo và các bước được làm tiếp.",
    ),
    ("petition show <code>", "Mã đơn."),
    ("petition show --json", "In dạng JSON."),
    (
        "petition show --reveal",
        "Hiện danh tính người tố cáo (chỉ cán bộ tiếp dân, quản trị; ghi nhật ký kèm lý do).",
    ),
    (
        "petition show --reason",
        "Lý do xem danh tính (ghi vào nhật ký kiểm toán).",
    ),
    (
        "petition advance",
        "Ghi bước tiếp theo: phân loại, thụ lý, xác minh, gia hạn, tạm đình chỉ, tiếp tục, chuyển, hướng dẫn, trả lại, lưu, xử lý thông tin (tố cáo nặc danh, Điều 25), giải quyết, rút, ghi chú.",
    ),
    ("petition advance <code>", "Mã đơn."),
    (
        "petition advance --to",
        "Bước (mã hoặc tên tiếng Việt, ví dụ accepted / “thụ lý” / thu-ly).",
    ),
    (
        "petition advance --date",
        "Ngày pháp lý của bước (mặc định hôm nay).",
    ),
    (
        "petition advance --to-agency",
        "Cơ quan nhận (chuyển đơn, hướng dẫn).",
    ),
    (
        "petition advance --decision",
        "Số quyết định hoặc kết luận (giải quyết).",
    ),
    (
        "petition advance --days",
        "Số ngày gia hạn (mặc định theo quy định).",
    ),
    (
        "petition advance --competence",
        "Thẩm quyền: ours (thuộc thẩm quyền), not_ours.",
    ),
    (
        "petition advance --complexity",
        "Tính chất: normal, complex (phức tạp), very_complex (đặc biệt phức tạp).",
    ),
    (
        "petition advance --partial",
        "Rút một phần (phần còn lại vẫn mở).",
    ),
    ("petition advance --note", "Ghi chú."),
    (
        "petition edit",
        "Đính chính thông tin đã ghi (nội dung, tóm tắt, lĩnh vực, loại đơn, ngày nhận): một sự kiện đính chính ghi giá trị cũ và mới, ai, khi nào, vì sao — không bao giờ sửa lặng lẽ.",
    ),
    ("petition edit <code>", "Mã đơn."),
    ("petition edit --subject", "Nội dung vụ việc đã đính chính."),
    ("petition edit --summary", "Tóm tắt đã đính chính."),
    ("petition edit --field", "Lĩnh vực đã đính chính."),
    ("petition edit --kind", "Loại đơn đã đính chính."),
    (
        "petition edit --received",
        "Ngày nhận đã đính chính (YYYY-MM-DD hoặc dd/mm/yyyy).",
    ),
    (
        "petition edit --note",
        "Lý do đính chính (bắt buộc; lưu cùng sự kiện và nhật ký kiểm toán).",
    ),
    (
        "petition void",
        "Hủy đơn nhập nhầm: đơn vẫn được lưu và xem được với lịch sử, nhưng không còn trong danh sách, số liệu và báo cáo. Ghi nhật ký kiểm toán.",
    ),
    ("petition void <code>", "Mã đơn."),
    (
        "petition void --reason",
        "Vì sao đơn bị nhập nhầm (bắt buộc; lưu và ghi nhật ký).",
    ),
    (
        "petition advance --finding",
        "Kết luận của quyết định (giải quyết): right (đúng), wrong (sai), partly (đúng một phần).",
    ),
    (
        "petition mark",
        "Đặt (hoặc với --off bỏ) một dấu hiệu: keo-dai (kéo dài), vuot-cap (vượt cấp), dau-hieu-toi-pham (dấu hiệu tội phạm), dong-nguoi (đông người), final (đã giải quyết hết thẩm quyền), nhieu-dia-diem (tố cáo phải xác minh tại nhiều địa điểm: thụ lý trong 10 ngày làm việc, Điều 24); hoặc phuc-tap / dac-biet-phuc-tap (tính chất vụ việc). Ghi nhật ký.",
    ),
    ("petition mark <code>", "Mã đơn."),
    ("petition mark --flag", "Dấu hiệu cần đặt hoặc bỏ."),
    ("petition mark --off", "Bỏ dấu hiệu thay vì đặt."),
    ("petition mark --date", "Ngày (mặc định hôm nay)."),
    ("petition mark --note", "Ghi chú."),
    (
        "petition assign",
        "Giao đơn cho cán bộ khác thụ lý, xử lý. Ghi nhật ký.",
    ),
    ("petition assign <code>", "Mã đơn."),
    ("petition assign --to", "Tên hoặc tài khoản của cán bộ."),
    ("petition assign --date", "Ngày (mặc định hôm nay)."),
    ("petition assign --note", "Ghi chú."),
    (
        "petition link",
        "Đánh dấu đơn là đơn lặp lại của một đơn trước.",
    ),
    ("petition link <code>", "Mã đơn lặp lại."),
    ("petition link --repeat-of", "Mã đơn trước."),
    (
        "petition receipt",
        "Giấy biên nhận đơn (kiêm phiếu hẹn) để trao cho công dân: tệp PDF, hoặc văn bản với --text. \
         Giấy biên nhận đơn tố cáo chỉ lập cho người tố cáo (vai trò cán bộ tiếp dân; ghi nhật ký).",
    ),
    ("petition receipt <code>", "Mã đơn."),
    (
        "petition receipt --output",
        "Tệp cần ghi (mặc định bien-nhan-MÃ.pdf ở thư mục hiện tại); không ghi đè nếu thiếu --force.",
    ),
    (
        "petition receipt --text",
        "In dạng văn bản (máy in biên nhận) thay vì PDF; kèm --output thì ghi ra tệp văn bản.",
    ),
    (
        "petition receipt --width",
        "Số cột của bản văn bản (mặc định 48).",
    ),
    (
        "petition receipt --paper",
        "Khổ giấy của bản PDF: a5 (mặc định) hoặc a4.",
    ),
    (
        "petition receipt --force",
        "Cho phép ghi đè tệp --output đã có.",
    ),
    (
        "citizen",
        "Toàn bộ hồ sơ của một công dân (`show`); gộp hoặc tách người (ghi nhật ký).",
    ),
    (
        "citizen show",
        "Toàn bộ hồ sơ một người: mọi họ tên, số giấy tờ, điện thoại, địa chỉ đã khai, mọi đơn.",
    ),
    (
        "citizen show <key>",
        "Mã đơn, số CCCD/CMND hoặc số điện thoại.",
    ),
    (
        "citizen show --reveal",
        "Hiện cả đơn tố cáo và danh tính người tố cáo (quản trị, điều hành; ghi nhật ký).",
    ),
    ("citizen show --json", "In dạng JSON."),
    (
        "citizen merge",
        "Ghi nhận hai người là một: hồ sơ của B nhập vào A. Cần --reason; ghi nhật ký.",
    ),
    (
        "citizen merge <a>",
        "Người giữ lại: mã đơn, CCCD/CMND hoặc số điện thoại chỉ đúng một người.",
    ),
    ("citizen merge <b>", "Người có hồ sơ nhập vào A."),
    ("citizen merge --reason", "Lý do (bắt buộc)."),
    ("citizen merge --json", "In dạng JSON."),
    (
        "citizen split",
        "Ghi nhận người gửi các đơn này là người khác. Cần --reason; ghi nhật ký.",
    ),
    (
        "citizen split <codes>",
        "Mã các đơn của người khác (hiện đều thuộc một người).",
    ),
    ("citizen split --reason", "Lý do (bắt buộc)."),
    ("citizen split --json", "In dạng JSON."),
    (
        "citizen edit",
        "Đính chính danh tính người gửi đã ghi trên một đơn (gõ nhầm họ tên, số CCCD): bản ghi đã đính chính thuộc cùng người, bản ghi ban đầu vẫn giữ, lịch sử đơn ghi từng thay đổi, ai, khi nào, vì sao. Cần --note; ghi nhật ký.",
    ),
    ("citizen edit <code>", "Mã đơn có người gửi cần đính chính."),
    ("citizen edit --name", "Họ tên đã đính chính."),
    (
        "citizen edit --cccd",
        "Số CCCD (12 chữ số) hoặc CMND (9 chữ số) đã đính chính; để trống để xóa.",
    ),
    (
        "citizen edit --phone",
        "Số điện thoại đã đính chính; để trống để xóa.",
    ),
    (
        "citizen edit --address",
        "Địa chỉ đã đính chính; để trống để xóa.",
    ),
    (
        "citizen edit --birth-year",
        "Năm sinh đã đính chính; để trống để xóa.",
    ),
    (
        "citizen edit --note",
        "Lý do đính chính (bắt buộc; lưu cùng sự kiện và nhật ký kiểm toán).",
    ),
    (
        "search",
        "Tìm đơn theo họ tên, số CCCD, điện thoại, địa chỉ hoặc nội dung.",
    ),
    (
        "search <query>",
        "Họ tên, CCCD, điện thoại, từ trong địa chỉ hoặc nội dung, có dấu hay không dấu.",
    ),
    (
        "search --limit",
        "Hiện nhiều nhất bấy nhiêu kết quả (1 đến 10.000).",
    ),
    ("search --json", "In dạng JSON."),
    (
        "search --grouped",
        "Gom kết quả: mỗi công dân với các đơn và chuỗi đơn lặp.",
    ),
    (
        "search --reindex",
        "Dựng lại chỉ mục tìm kiếm trước (sau khi khôi phục bản sao bằng cách khác).",
    ),
    (
        "repeats",
        "Các cụm đơn có thể là lặp lại (cùng người hoặc cùng vụ việc) trong toàn bộ cơ sở dữ liệu.",
    ),
    (
        "repeats --min",
        "Chỉ các cụm có ít nhất bấy nhiêu đơn (2 đến 10.000).",
    ),
    (
        "repeats --limit",
        "Hiện nhiều nhất bấy nhiêu cụm (1 đến 100.000).",
    ),
    ("repeats --json", "In dạng JSON."),
    ("due", "Các đơn đang mở theo mức khẩn của hạn."),
    (
        "due --within",
        "Chỉ các đơn đến hạn trong bấy nhiêu ngày, 0 đến 3650 (kể cả đơn quá hạn).",
    ),
    (
        "due --limit",
        "Hiện nhiều nhất bấy nhiêu đơn (1 đến 10.000.000).",
    ),
    ("due --json", "In dạng JSON."),
    ("demo", "Nạp dữ liệu mẫu như thật vào cơ sở dữ liệu trống."),
    ("demo --petitions", "Số đơn tạo ra (1 đến 10.000.000)."),
    ("demo --seed", "Cùng seed, cùng dữ liệu."),
    (
        "import",
        "Nhập sổ tiếp dân (CSV hoặc bảng tính Excel/LibreOffice) hoặc tệp JSON Lines xuất từ cơ sở dữ liệu khác.",
    ),
    (
        "import <file>",
        "Sổ tiếp dân: CSV (UTF-8, có BOM cũng được) hoặc bảng tính (.xlsx, .xls, .ods). Cột bắt buộc: Ngày tiếp, Họ tên, Loại đơn, Nội dung; dòng tiêu đề cột được tìm dưới các dòng tên bảng. Hoặc tệp `export --format json` (.jsonl) của một cơ sở dữ liệu tiepdan khác, gộp vào không trùng lặp.",
    ),
    (
        "import --sheet",
        "Trang tính cần đọc (mặc định: trang đầu).",
    ),
    (
        "import --mapping",
        "Tệp TOML chỉ tiêu đề nào của tệp là cột nào (xem README, “Import”).",
    ),
    (
        "import --skip-bad",
        "Nhập các dòng đúng, ghi dòng sai vào FILE.rejects.csv (có cột `reason`). Không có tùy chọn này, một dòng sai dừng cả lần nhập.",
    ),
    ("import --json", "In kết quả dạng JSON."),
    ("export", "Xuất sổ tiếp dân."),
    (
        "export --format",
        "csv (sổ tiếp dân, mở bằng Excel) hoặc json (JSON Lines, lược đồ tiepdan.petition/2).",
    ),
    (
        "export --output",
        "Ghi vào tệp này (chỉ bạn đọc được) thay vì ra màn hình.",
    ),
    (
        "export --force",
        "Thay tệp đã có (không bao giờ thay cơ sở dữ liệu hay tệp đang dùng).",
    ),
    (
        "check",
        "Kiểm tra toàn vẹn, khóa ngoại, chuỗi nhật ký kiểm toán và trạng thái từng đơn.",
    ),
    ("check --json", "In dạng JSON."),
    ("backup", "Sao chép an toàn cơ sở dữ liệu khi đang dùng."),
    (
        "backup <path>",
        "Nơi ghi bản sao (từ chối nếu đã có tệp, trừ khi có --force).",
    ),
    (
        "backup --force",
        "Thay tệp đã có (không bao giờ thay cơ sở dữ liệu hay tệp đang dùng).",
    ),
    (
        "report",
        "Báo cáo định kỳ của một kỳ: bảng, md, csv hoặc xlsx.",
    ),
    (
        "report --period",
        "Kỳ: 2026-Q1..Q4, 2026-H1, 2026-H2, 2026-9M hoặc 2026.",
    ),
    (
        "report --from",
        "Ngày đầu kỳ (dùng với --to thay cho --period).",
    ),
    ("report --to", "Ngày cuối kỳ."),
    (
        "report --cutoff-day",
        "Ngày chốt số liệu trong tháng cuối kỳ; kỳ bắt đầu từ ngày sau đó của tháng trước. 0 = tháng dương lịch. Mặc định: `[report] cutoff_day` trong config.toml, không có thì 14.",
    ),
    ("report --format", "table (màn hình), md, csv hoặc xlsx."),
    (
        "report --output",
        "Ghi vào tệp này (chỉ bạn đọc được); bắt buộc với xlsx.",
    ),
    (
        "report --force",
        "Thay tệp đã có (không bao giờ thay cơ sở dữ liệu hay tệp đang dùng).",
    ),
    (
        "logbook",
        "Sổ tiếp công dân (Mẫu số 03) của một kỳ: csv hoặc xlsx.",
    ),
    (
        "logbook --period",
        "Kỳ: 2026-Q1..Q4, 2026-H1, 2026-H2, 2026-9M hoặc 2026.",
    ),
    (
        "logbook --from",
        "Ngày đầu kỳ (dùng với --to thay cho --period).",
    ),
    ("logbook --to", "Ngày cuối kỳ."),
    (
        "logbook --cutoff-day",
        "Ngày chốt số liệu trong tháng cuối kỳ; 0 = tháng dương lịch.",
    ),
    ("logbook --format", "csv hoặc xlsx."),
    ("logbook --output", "Tệp cần ghi (chỉ bạn đọc được)."),
    (
        "logbook --force",
        "Thay tệp đã có (không bao giờ thay cơ sở dữ liệu hay tệp đang dùng).",
    ),
    (
        "logbook --with-identities",
        "Sổ đầy đủ, ghi cả danh tính người tố cáo (chỉ cán bộ tiếp dân, quản trị; ghi nhật ký; đóng dấu MẬT trên mọi trang và trong tên tệp).",
    ),
    (
        "disclosure",
        "Kết quả giải quyết của một kỳ để công khai: csv hoặc md.",
    ),
    (
        "disclosure --period",
        "Kỳ: 2026-Q1..Q4, 2026-H1, 2026-H2, 2026-9M hoặc 2026.",
    ),
    (
        "disclosure --from",
        "Ngày đầu kỳ (dùng với --to thay cho --period).",
    ),
    ("disclosure --to", "Ngày cuối kỳ."),
    (
        "disclosure --cutoff-day",
        "Ngày chốt số liệu trong tháng cuối kỳ; 0 = tháng dương lịch.",
    ),
    ("disclosure --format", "csv hoặc md."),
    (
        "disclosure --output",
        "Ghi vào tệp này (chỉ bạn đọc được) thay vì ra màn hình.",
    ),
    (
        "disclosure --force",
        "Thay tệp đã có (không bao giờ thay cơ sở dữ liệu hay tệp đang dùng).",
    ),
    (
        "rules",
        "Các quy định về thời hạn, gia hạn và tạm đình chỉ đang áp dụng, mỗi quy định kèm điều luật và thời gian hiệu lực.",
    ),
    (
        "rules --list",
        "Liệt kê mọi quy định với điều luật và thời gian hiệu lực (mặc định).",
    ),
    ("rules --json", "In dạng JSON."),
    (
        "key",
        "Khoá bàn tiếp dân dùng để mã hoá danh tính người tố cáo: init, rotate, export-recovery.",
    ),
    (
        "key init",
        "Tạo khoá bàn tiếp dân trong thư mục cấu hình (chỉ chủ tài khoản đọc được), nếu chưa có.",
    ),
    (
        "key init --passphrase",
        "Khoá khoá bàn tiếp dân bằng mật khẩu (Argon2id): nhập hai lần trên màn hình, hoặc lấy từ TIEPDAN_PASSPHRASE; từ đó bàn tiếp dân hỏi mật khẩu khi mở.",
    ),
    (
        "key rotate",
        "Tạo khoá mới và mã hoá lại mọi giá trị đã mã hoá bằng khoá đó, trong một giao dịch.",
    ),
    (
        "key export-recovery",
        "Ghi khoá ra tệp (chỉ chủ tài khoản đọc được, không ghi đè) để niêm phong cất giữ.",
    ),
    ("key export-recovery --output", "Tệp để ghi."),
    (
        "sync",
        "Đồng bộ với máy chủ tỉnh: gửi hồ sơ của bàn này, nhận đơn của các bàn khác.",
    ),
    (
        "sync --server",
        "Địa chỉ máy chủ tỉnh (mặc định: [sync] server trong config.toml).",
    ),
    (
        "sync --token",
        "Mã truy cập của bàn (mặc định: [sync] token; hoặc TIEPDAN_SYNC_TOKEN).",
    ),
    (
        "sync --replica",
        "Bản sao chỉ đọc của toàn tỉnh cho thanh tra vào cơ sở dữ liệu này (mã truy cập chỉ đọc).",
    ),
    (
        "sync --no-pull",
        "Chỉ gửi hồ sơ của bàn này (đường truyền chậm); nhận đơn các bàn khác ở lần sau.",
    ),
    (
        "sync --ca-cert",
        "Chứng chỉ (PEM) tin cậy cho máy chủ (mặc định: [sync] ca_cert, nếu không: chứng chỉ gốc công cộng).",
    ),
];
