//! What petitions are about: a subject line and a one-to-three-sentence summary per kind and field,
//! filled with parcels, projects, places and officials so that no two read alike.

use super::dice::Dice;
use super::names::{self, Sex};
use super::places::{self, Commune, HOME, PROVINCES};
use crate::domain::{Field, PetitionKind, Round};
use chrono::{Datelike, NaiveDate};

/// Subject templates per kind and field. Placeholders: {thua} {to} {dt} {dt_nho} {nam} {nam_truoc}
/// {tien} {so_qd} {du_an} {xa} {thon} {cb} {cty} {ban_an} {nam_ls} {cong_trinh}.
fn subject_templates(kind: PetitionKind, field: Field) -> &'static [&'static str] {
    use Field as F;
    use PetitionKind as K;
    match (kind, field) {
        (K::Complaint, F::Land) => &[
            "Khiếu nại quyết định thu hồi đất thửa số {thua}, tờ bản đồ số {to} tại {thon}, {xa}",
            "Khiếu nại việc UBND {xa} không cấp Giấy chứng nhận quyền sử dụng đất thửa số {thua}, tờ bản đồ số {to}",
            "Khiếu nại quyết định xử phạt vi phạm hành chính về lấn chiếm đất đai tại {thon}, {xa}",
            "Khiếu nại việc cấp Giấy chứng nhận quyền sử dụng đất cho hộ liền kề chồng lấn lên thửa đất số {thua}",
            "Khiếu nại quyết định giải quyết tranh chấp đất đai thửa số {thua}, tờ bản đồ số {to}, {xa}",
            "Khiếu nại việc thu tiền sử dụng đất khi chuyển mục đích thửa đất số {thua}, tờ bản đồ số {to}",
        ],
        (K::Complaint, F::Clearance) => &[
            "Khiếu nại phương án bồi thường, hỗ trợ khi thu hồi đất thực hiện {du_an}",
            "Khiếu nại quyết định thu hồi đất thửa số {thua}, tờ bản đồ số {to} để thực hiện {du_an}",
            "Khiếu nại việc áp giá bồi thường đất nông nghiệp thấp khi thực hiện {du_an}",
            "Khiếu nại quyết định cưỡng chế thu hồi đất thực hiện {du_an}",
            "Khiếu nại việc không được bố trí tái định cư khi thu hồi đất ở tại {thon}, {xa}",
        ],
        (K::Complaint, F::Planning) => &[
            "Khiếu nại việc điều chỉnh quy hoạch khu dân cư {thon}, {xa} làm ảnh hưởng đến quyền lợi của gia đình",
            "Khiếu nại việc từ chối cấp giấy phép xây dựng vì thửa đất số {thua} nằm trong quy hoạch",
        ],
        (K::Complaint, F::Construction) => &[
            "Khiếu nại Quyết định xử phạt vi phạm hành chính về trật tự xây dựng số {so_qd}",
            "Khiếu nại quyết định cưỡng chế tháo dỡ công trình xây dựng tại {thon}, {xa}",
        ],
        (K::Complaint, F::Environment) => &[
            "Khiếu nại Quyết định xử phạt vi phạm hành chính trong lĩnh vực môi trường số {so_qd}",
            "Khiếu nại việc cấp phép khai thác khoáng sản gần khu dân cư {thon}, {xa}",
        ],
        (K::Complaint, F::Policy) => &[
            "Khiếu nại việc không được xét hưởng chế độ người có công với cách mạng",
            "Khiếu nại việc cắt trợ cấp xã hội hằng tháng đối với người khuyết tật",
            "Khiếu nại quyết định không công nhận hộ cận nghèo năm {nam_truoc}",
            "Khiếu nại việc chậm chi trả chế độ bảo hiểm xã hội một lần",
            "Khiếu nại việc giải quyết chính sách nghỉ việc theo Nghị định số 178/2024/NĐ-CP",
        ],
        (K::Complaint, F::Ethnic) => &[
            "Khiếu nại việc không được hưởng chính sách hỗ trợ đối với hộ đồng bào dân tộc thiểu số",
        ],
        (K::Complaint, F::Religion) => &[
            "Khiếu nại việc không chấp thuận đăng ký sinh hoạt tôn giáo tập trung tại {thon}, {xa}",
        ],
        (K::Complaint, F::Justice) => &[
            "Khiếu nại việc chậm tổ chức thi hành Bản án số {ban_an}/{nam_truoc}/DS-ST",
            "Khiếu nại việc từ chối chứng thực hợp đồng chuyển nhượng quyền sử dụng đất thửa số {thua}",
            "Khiếu nại quyết định cưỡng chế kê biên tài sản để thi hành án",
        ],
        (K::Complaint, _) => &[
            "Khiếu nại Quyết định xử phạt vi phạm hành chính trong lĩnh vực giao thông số {so_qd}",
            "Khiếu nại việc từ chối cấp giấy chứng nhận đăng ký hộ kinh doanh",
        ],
        (K::Denunciation, F::Land) => &[
            "Tố cáo {cb} nhận tiền khi làm sổ đỏ",
            "Tố cáo {cb} giao đất trái thẩm quyền tại {thon}, {xa}",
            "Tố cáo {cb} làm sai lệch hồ sơ địa chính thửa đất số {thua}, tờ bản đồ số {to}",
            "Tố cáo việc đấu giá quyền sử dụng đất tại {thon}, {xa} có dấu hiệu thông đồng, dìm giá",
            "Tố cáo {cb} bao che cho hộ gia đình lấn chiếm đất công tại {thon}",
        ],
        (K::Denunciation, F::Clearance) => &[
            "Tố cáo {cb} lập khống hồ sơ bồi thường khi thực hiện {du_an}",
            "Tố cáo việc kê khai khống diện tích, tài sản để nhận tiền bồi thường {du_an}",
            "Tố cáo {cb} chiếm dụng tiền hỗ trợ giải phóng mặt bằng của các hộ dân {thon}",
        ],
        (K::Denunciation, F::Planning) => {
            &["Tố cáo {cb} điều chỉnh quy hoạch sử dụng đất trái quy định tại {xa}"]
        }
        (K::Denunciation, F::Construction) => &[
            "Tố cáo {cb} làm ngơ cho xây dựng trái phép trên đất nông nghiệp tại {thon}",
            "Tố cáo {cty} xây dựng nhà xưởng không phép tại {xa}",
        ],
        (K::Denunciation, F::Environment) => &[
            "Tố cáo {cty} xả nước thải chưa qua xử lý ra kênh tiêu tại {thon}, {xa}",
            "Tố cáo việc khai thác cát trái phép trên sông tại {xa}",
        ],
        (K::Denunciation, F::Policy) => &[
            "Tố cáo {cb} lập danh sách hộ nghèo không đúng đối tượng tại {thon}",
            "Tố cáo {cb} chiếm đoạt tiền trợ cấp người có công",
        ],
        (K::Denunciation, F::Ethnic) => {
            &["Tố cáo {cb} trục lợi chính sách hỗ trợ đồng bào dân tộc thiểu số tại {xa}"]
        }
        (K::Denunciation, F::Religion) => {
            &["Tố cáo việc lợi dụng hoạt động tín ngưỡng để trục lợi tại {thon}, {xa}"]
        }
        (K::Denunciation, F::Justice) => &[
            "Tố cáo chấp hành viên làm trái quy định khi kê biên tài sản để thi hành án",
            "Tố cáo {cb} nhận tiền khi giải quyết thủ tục hộ tịch",
        ],
        (K::Denunciation, F::Corruption) => &[
            "Tố cáo {cb} tham ô tiền đóng góp xây dựng {cong_trinh} {thon}",
            "Tố cáo sai phạm trong quản lý, cho thuê quỹ đất công ích tại {xa}",
            "Tố cáo {cb} thu các khoản đóng góp trái quy định của nhân dân {thon}",
            "Tố cáo sai phạm trong đấu thầu, thi công {cong_trinh} tại {xa}",
            "Tố cáo {cb} nhận tiền để bố trí việc làm, tuyển dụng viên chức",
        ],
        (K::Denunciation, _) => {
            &["Tố cáo {cb} có thái độ hách dịch, gây phiền hà khi tiếp nhận hồ sơ"]
        }
        (K::Recommendation, F::Land) => &[
            "Kiến nghị cấp Giấy chứng nhận quyền sử dụng đất thửa số {thua}, tờ bản đồ số {to} đã sử dụng ổn định từ năm {nam}",
            "Kiến nghị giải quyết tranh chấp ranh giới đất với hộ liền kề tại {thon}, {xa}",
            "Kiến nghị điều chỉnh diện tích trên Giấy chứng nhận quyền sử dụng đất thửa số {thua}, tờ bản đồ số {to}",
            "Kiến nghị cho chuyển mục đích sử dụng đất vườn sang đất ở tại {thon}, {xa}",
            "Kiến nghị đính chính sai sót trên sổ đỏ thửa đất số {thua}, tờ bản đồ số {to}",
        ],
        (K::Recommendation, F::Clearance) => &[
            "Kiến nghị bồi thường giải phóng mặt bằng {du_an}",
            "Kiến nghị sớm chi trả tiền bồi thường, hỗ trợ đối với phần đất bị ảnh hưởng bởi {du_an}",
            "Kiến nghị bố trí đất tái định cư cho các hộ bị thu hồi đất ở thuộc {du_an}",
            "Kiến nghị thu hồi phần diện tích còn lại không đủ điều kiện sản xuất sau khi thực hiện {du_an}",
            "Kiến nghị hỗ trợ chuyển đổi nghề nghiệp cho hộ bị thu hồi đất nông nghiệp thuộc {du_an}",
        ],
        (K::Recommendation, F::Planning) => &[
            "Kiến nghị công khai quy hoạch chi tiết khu dân cư {thon}, {xa}",
            "Kiến nghị xóa quy hoạch treo tại {thon}, {xa} kéo dài từ năm {nam}",
            "Kiến nghị điều chỉnh quy hoạch để thửa đất số {thua}, tờ bản đồ số {to} được chuyển sang đất ở",
        ],
        (K::Recommendation, F::Construction) => &[
            "Kiến nghị xử lý công trình xây dựng lấn chiếm lối đi chung tại {thon}",
            "Kiến nghị cấp phép sửa chữa nhà ở tại {thon}, {xa}",
        ],
        (K::Recommendation, F::Environment) => &[
            "Kiến nghị di dời trại chăn nuôi lợn gây ô nhiễm tại {thon}, {xa}",
            "Kiến nghị xử lý ô nhiễm bụi từ mỏ đá tại {xa}",
            "Kiến nghị bố trí điểm tập kết rác thải sinh hoạt tại {thon}",
        ],
        (K::Recommendation, F::Policy) => &[
            "Kiến nghị giải quyết chế độ cho con đẻ của người hoạt động kháng chiến bị nhiễm chất độc hóa học",
            "Kiến nghị xem xét công nhận liệt sĩ cho người thân hy sinh năm {nam_ls}",
            "Kiến nghị giải quyết chế độ cho người hoạt động không chuyên trách cấp xã nghỉ việc do sắp xếp đơn vị hành chính",
            "Kiến nghị hỗ trợ làm nhà ở cho hộ nghèo tại {thon}, {xa}",
        ],
        (K::Recommendation, F::Ethnic) => &[
            "Kiến nghị hỗ trợ đất sản xuất cho hộ đồng bào dân tộc thiểu số tại {thon}",
            "Kiến nghị thực hiện chính sách hỗ trợ nhà ở cho hộ đồng bào dân tộc thiểu số tại {xa}",
        ],
        (K::Recommendation, F::Religion) => &[
            "Kiến nghị giao đất mở rộng khuôn viên nhà thờ giáo họ {thon}",
            "Kiến nghị công nhận quyền sử dụng đất cho cơ sở tôn giáo tại {xa}",
        ],
        (K::Recommendation, F::Justice) => &[
            "Kiến nghị tổ chức thi hành Bản án số {ban_an}/{nam_truoc}/DS-PT của Tòa án nhân dân tỉnh",
            "Kiến nghị xem xét lại việc đăng ký khai sinh, cải chính hộ tịch",
        ],
        (K::Recommendation, F::Corruption) => &[
            "Kiến nghị thanh tra việc sử dụng kinh phí xây dựng {cong_trinh} tại {thon}",
            "Kiến nghị kiểm tra việc thu, chi các khoản đóng góp của nhân dân tại {xa}",
        ],
        (K::Recommendation, _) => &[
            "Kiến nghị sửa chữa tuyến đường liên thôn {thon} bị hư hỏng nặng",
            "Kiến nghị lắp đặt hệ thống điện chiếu sáng tại {thon}, {xa}",
            "Kiến nghị xây dựng cầu dân sinh qua kênh tại {thon}",
            "Kiến nghị đầu tư hệ thống nước sạch cho nhân dân {thon}, {xa}",
        ],
        (K::Report, F::Land) => &[
            "Phản ánh việc lấn chiếm đất công, đất hành lang giao thông tại {thon}, {xa}",
            "Phản ánh việc chậm cấp Giấy chứng nhận quyền sử dụng đất tại {xa}",
            "Phản ánh việc san lấp, chuyển mục đích sử dụng đất trồng lúa trái phép tại {thon}",
        ],
        (K::Report, F::Clearance) => &[
            "Phản ánh việc thi công {du_an} gây ngập úng đồng ruộng tại {thon}",
            "Phản ánh việc chậm bàn giao đất tái định cư thuộc {du_an}",
            "Phản ánh việc đo đạc, kiểm đếm không chính xác khi thực hiện {du_an}",
        ],
        (K::Report, F::Planning) => &[
            "Phản ánh quy hoạch treo tại {thon}, {xa} khiến người dân không thể xây dựng, sửa chữa nhà",
            "Phản ánh việc xây dựng không đúng quy hoạch tại khu đô thị mới {xa}",
        ],
        (K::Report, F::Construction) => &[
            "Phản ánh việc xây dựng nhà ở trái phép trên đất nông nghiệp tại {thon}, {xa}",
            "Phản ánh công trình xây dựng liền kề gây nứt, lún nhà ở của gia đình tại {thon}",
            "Phản ánh việc xây dựng lấn chiếm hành lang an toàn đường bộ tại {xa}",
        ],
        (K::Report, F::Environment) => &[
            "Phản ánh {cty} xả nước thải gây ô nhiễm tại {thon}, {xa}",
            "Phản ánh tình trạng khai thác cát trái phép gây sạt lở bờ sông tại {xa}",
            "Phản ánh mùi hôi từ bãi rác {xa} ảnh hưởng đến đời sống người dân",
            "Phản ánh xe chở vật liệu gây bụi, hư hỏng đường liên thôn tại {thon}",
        ],
        (K::Report, F::Policy) => &[
            "Phản ánh việc bình xét hộ nghèo thiếu công khai tại {thon}, {xa}",
            "Phản ánh {cty} nợ lương, không đóng bảo hiểm xã hội cho người lao động",
        ],
        (K::Report, F::Ethnic) => &[
            "Phản ánh việc thực hiện chương trình mục tiêu quốc gia vùng đồng bào dân tộc thiểu số chưa đúng đối tượng tại {xa}",
        ],
        (K::Report, F::Religion) => {
            &["Phản ánh việc xây dựng công trình tín ngưỡng trái phép trên đất công tại {thon}"]
        }
        (K::Report, F::Justice) => {
            &["Phản ánh việc chậm giải quyết hồ sơ chứng thực tại bộ phận một cửa {xa}"]
        }
        (K::Report, F::Corruption) => &[
            "Phản ánh dấu hiệu sai phạm trong thi công {cong_trinh} tại {xa}",
            "Phản ánh việc công khai thu, chi ngân sách không đầy đủ tại {xa}",
        ],
        (K::Report, _) => &[
            "Phản ánh việc giải quyết thủ tục hành chính chậm tại bộ phận một cửa {xa}",
            "Phản ánh tình trạng mất điện kéo dài tại {thon}, {xa}",
            "Phản ánh hoạt động karaoke gây ồn sau 22 giờ tại {thon}",
        ],
    }
}

/// A first sentence that fits every subject of its kind and field.
fn context_templates(kind: PetitionKind, field: Field) -> &'static [&'static str] {
    match (kind, field) {
        (PetitionKind::Denunciation, Field::Corruption) => &[
            "Năm {nam_truoc}, nhân dân {thon} đóng góp {tien} để xây dựng {cong_trinh} nhưng việc thu, chi không được công khai.",
            "Sự việc kéo dài từ năm {nam_truoc}, nhiều người dân {xa} đã phản ánh tại các buổi tiếp xúc cử tri.",
        ],
        (PetitionKind::Denunciation, _) => &[
            "Sự việc xảy ra tại {xa} từ năm {nam_truoc}, nhiều hộ dân đã phản ánh nhưng chưa được xem xét.",
            "Người tố cáo trực tiếp chứng kiến sự việc xảy ra tại {thon}, {xa}.",
        ],
        (_, Field::Land) => &[
            "Gia đình công dân sử dụng ổn định thửa đất số {thua}, tờ bản đồ số {to}, diện tích {dt} m² tại {thon}, {xa} từ năm {nam}.",
            "Thửa đất số {thua}, tờ bản đồ số {to} do gia đình công dân khai hoang, sử dụng liên tục từ năm {nam}, không có tranh chấp.",
        ],
        (_, Field::Clearance) => &[
            "Gia đình công dân bị thu hồi {dt} m² đất tại {thon}, {xa} để thực hiện {du_an}.",
            "Theo phương án được phê duyệt, gia đình được bồi thường, hỗ trợ {tien}, thấp hơn nhiều so với giá chuyển nhượng thực tế tại địa phương.",
            "Dự án triển khai từ năm {nam_truoc}, đến nay nhiều hộ dân {thon} chưa được giải quyết dứt điểm quyền lợi.",
        ],
        (_, Field::Planning) => &[
            "Khu đất của gia đình tại {thon}, {xa} nằm trong quy hoạch từ năm {nam} nhưng đến nay chưa triển khai.",
        ],
        (_, Field::Construction) => &[
            "Sự việc liên quan đến công trình xây dựng tại {thon}, {xa}, phát sinh từ năm {nam_truoc}.",
        ],
        (_, Field::Environment) => &[
            "Sự việc diễn ra tại {thon}, {xa} từ năm {nam_truoc}, ảnh hưởng đến môi trường sống của nhiều hộ dân.",
        ],
        (_, Field::Policy) => &[
            "Công dân đã nộp hồ sơ tại UBND {xa} từ năm {nam_truoc} nhưng đến nay chưa được giải quyết.",
        ],
        (_, Field::Corruption) => &[
            "Năm {nam_truoc}, nhân dân {thon} đóng góp {tien} để xây dựng {cong_trinh} nhưng việc thu, chi không được công khai.",
        ],
        _ => &[
            "Công dân đã nhiều lần liên hệ với cơ quan có liên quan từ năm {nam_truoc} nhưng chưa được giải quyết.",
            "Sự việc xảy ra tại {thon}, {xa}, đã được nêu tại các buổi tiếp xúc cử tri.",
        ],
    }
}

fn claim_templates(kind: PetitionKind) -> &'static [&'static str] {
    match kind {
        PetitionKind::Complaint => &[
            "Công dân cho rằng quyết định, hành vi hành chính nêu trên chưa đúng quy định, ảnh hưởng đến quyền và lợi ích hợp pháp của gia đình.",
            "Công dân cho rằng việc giải quyết không khách quan, chưa xem xét đầy đủ hồ sơ, giấy tờ của gia đình.",
        ],
        PetitionKind::Denunciation => &[
            "Người tố cáo cho rằng hành vi trên có dấu hiệu vụ lợi, gây bức xúc trong nhân dân.",
            "Người tố cáo cung cấp một số tài liệu, hình ảnh kèm theo đơn.",
        ],
        PetitionKind::Recommendation => &[
            "Công dân đã nhiều lần kiến nghị với chính quyền địa phương nhưng chưa được giải quyết.",
        ],
        PetitionKind::Report => {
            &["Sự việc kéo dài, ảnh hưởng đến đời sống, sản xuất của nhiều hộ dân."]
        }
    }
}

fn request_templates(kind: PetitionKind) -> &'static [&'static str] {
    match kind {
        PetitionKind::Complaint => &[
            "Đề nghị xem xét lại toàn bộ hồ sơ, bảo đảm quyền lợi hợp pháp của gia đình.",
            "Đề nghị cơ quan có thẩm quyền xem xét, giải quyết dứt điểm.",
        ],
        PetitionKind::Denunciation => &[
            "Đề nghị cơ quan có thẩm quyền xác minh, xử lý nghiêm theo quy định của pháp luật.",
            "Đề nghị làm rõ sai phạm và thu hồi số tiền chiếm đoạt.",
        ],
        PetitionKind::Recommendation => &[
            "Đề nghị cơ quan có thẩm quyền xem xét, giải quyết.",
            "Đề nghị sớm có văn bản trả lời cho công dân.",
        ],
        PetitionKind::Report => &[
            "Đề nghị cơ quan chức năng kiểm tra, xử lý dứt điểm.",
            "Đề nghị chính quyền địa phương sớm có biện pháp khắc phục.",
        ],
    }
}

const HOME_PROJECTS: &[&str] = &[
    "dự án đường ven biển Xuân Hội – Thạch Khê – Vũng Áng",
    "dự án đường bộ cao tốc Bắc – Nam đoạn Hàm Nghi – Vũng Áng",
    "dự án đường bộ cao tốc Bắc – Nam đoạn Vũng Áng – Bùng",
    "dự án đường sắt tốc độ cao trên trục Bắc – Nam",
    "dự án Khu kinh tế Vũng Áng",
    "dự án hồ chứa nước Rào Trổ",
    "dự án hồ chứa nước Ngàn Trươi",
    "dự án Nhà máy nhiệt điện Vũng Áng II",
    "dự án Khu đô thị Bắc thành phố Hà Tĩnh",
    "dự án nâng cấp, mở rộng Quốc lộ 8A",
    "dự án Khu công nghiệp Gia Lách",
    "dự án đường dây 500 kV mạch 3 Quảng Trạch – Phố Nối",
    "dự án Khu du lịch biển Thiên Cầm",
    "dự án tuyến tránh Quốc lộ 1 qua Hồng Lĩnh",
];

const LOCAL_PROJECTS: &[&str] = &[
    "dự án khu dân cư {thon}, {xa}",
    "dự án nâng cấp tuyến đường liên xã qua {xa}",
    "dự án kè chống sạt lở bờ sông đoạn qua {xa}",
    "dự án cụm công nghiệp {xa_ten}",
    "dự án mở rộng trường tiểu học {xa_ten}",
    "dự án đường bộ cao tốc Bắc – Nam phía Đông",
];

const PUBLIC_WORKS: &[&str] = &[
    "nhà văn hóa",
    "đường giao thông nông thôn",
    "kênh mương nội đồng",
    "trường mầm non",
    "cổng chào",
    "sân thể thao",
];

const COMPANIES: &[&str] = &[
    "Công ty TNHH Thành Đạt",
    "Công ty cổ phần Hưng Phát",
    "Công ty TNHH Minh Long",
    "Công ty cổ phần Xây dựng Phú Tài",
    "Công ty TNHH Trường Sinh",
    "Công ty cổ phần Khoáng sản Hải Hà",
    "Công ty TNHH Chăn nuôi Bắc Trung Bộ",
    "Doanh nghiệp tư nhân Tân Tiến",
];

fn official_roles(field: Field) -> &'static [&'static str] {
    match field {
        Field::Land => &[
            "cán bộ địa chính {xa}",
            "Chủ tịch UBND {xa}",
            "cán bộ Văn phòng đăng ký đất đai",
            "trưởng {thon}",
        ],
        Field::Clearance => &[
            "cán bộ Trung tâm Phát triển quỹ đất",
            "cán bộ Ban Quản lý dự án",
            "cán bộ địa chính {xa}",
            "Phó Chủ tịch UBND {xa}",
        ],
        Field::Policy | Field::Ethnic => &[
            "cán bộ văn hóa - xã hội {xa}",
            "trưởng {thon}",
            "kế toán {xa}",
        ],
        Field::Corruption => &[
            "Chủ tịch UBND {xa}",
            "kế toán {xa}",
            "trưởng {thon}",
            "Bí thư chi bộ {thon}",
            "Hiệu trưởng trường tiểu học {xa_ten}",
        ],
        Field::Justice => &["công chức tư pháp - hộ tịch {xa}"],
        Field::Construction | Field::Planning | Field::Environment => {
            &["cán bộ địa chính - xây dựng {xa}", "Chủ tịch UBND {xa}"]
        }
        Field::Religion | Field::Other => {
            &["công chức bộ phận một cửa {xa}", "Phó Chủ tịch UBND {xa}"]
        }
    }
}

/// The facts one petition's texts share, drawn once so subject and summary agree.
pub struct Facts {
    commune: Commune,
    village: String,
    received: NaiveDate,
    parcel: u32,
    sheet: u32,
    area: u32,
    small_area: u32,
    since: i32,
    money: String,
    decision: String,
    project: String,
    company: &'static str,
    work: &'static str,
    case_no: u32,
    war_year: i32,
    official: String,
}

impl Facts {
    pub fn draw(
        dice: &mut Dice,
        field: Field,
        commune: Commune,
        locality: &str,
        received: NaiveDate,
    ) -> Facts {
        let village = village_of(dice, locality);
        let mut facts = Facts {
            commune,
            village,
            received,
            parcel: dice.between(1, 980) as u32,
            sheet: dice.between(1, 48) as u32,
            area: dice.between(6, 300) as u32 * 10,
            small_area: dice.between(4, 150) as u32,
            since: dice.between(1978, 2015) as i32,
            money: money(dice),
            decision: format!("{}/QĐ-XPHC", dice.between(1, 480)),
            project: String::new(),
            company: dice.word(COMPANIES),
            work: dice.word(PUBLIC_WORKS),
            case_no: dice.between(3, 160) as u32,
            war_year: dice.between(1965, 1979) as i32,
            official: String::new(),
        };
        let project = if commune.province == HOME && dice.chance(0.7) {
            dice.pick(HOME_PROJECTS)
        } else {
            dice.pick(LOCAL_PROJECTS)
        };
        facts.project = facts.render(project);
        let role = facts.render(dice.word(official_roles(field)));
        facts.official = if dice.chance(0.5) {
            let sex = if dice.chance(0.8) {
                Sex::Male
            } else {
                Sex::Female
            };
            let region = PROVINCES[commune.province].region;
            let born = dice.between(1965, 1992) as i32;
            let name = names::person(dice, sex, born, region);
            let title = if sex == Sex::Male { "ông" } else { "bà" };
            format!("{title} {}, {role}", name.full)
        } else {
            role
        };
        facts
    }

    fn render(&self, template: &str) -> String {
        let mut out = String::with_capacity(template.len() + 160);
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let close = open + rest[open..].find('}').expect("placeholder closes");
            self.fill(&rest[open + 1..close], &mut out);
            rest = &rest[close + 1..];
        }
        out.push_str(rest);
        out
    }

    fn fill(&self, key: &str, out: &mut String) {
        use std::fmt::Write;
        let year = self.received.year();
        let _ = match key {
            "thua" => write!(out, "{}", self.parcel),
            "to" => write!(out, "{}", self.sheet),
            "dt" => write!(out, "{}", self.area),
            "dt_nho" => write!(out, "{}", self.small_area),
            "nam" => write!(out, "{}", self.since),
            "nam_truoc" => write!(out, "{}", year - 1 - (self.parcel % 3) as i32),
            "nam_ls" => write!(out, "{}", self.war_year),
            "tien" => write!(out, "{}", self.money),
            "so_qd" => write!(out, "{}", self.decision),
            "ban_an" => write!(out, "{}", self.case_no),
            "du_an" => write!(out, "{}", self.project),
            "xa" => write!(out, "{}", places::commune_label(&self.commune, false)),
            "xa_ten" => write!(out, "{}", self.commune.name),
            "thon" => write!(out, "{}", self.village),
            "cb" => write!(out, "{}", self.official),
            "cty" => write!(out, "{}", self.company),
            "cong_trinh" => write!(out, "{}", self.work),
            other => unreachable!("unknown placeholder {other}"),
        };
    }

    pub fn subject(
        &self,
        dice: &mut Dice,
        kind: PetitionKind,
        field: Field,
        round: Option<Round>,
    ) -> String {
        let subject = self.render(dice.word(subject_templates(kind, field)));
        match round {
            Some(Round::Second) => subject.replacen("Khiếu nại ", "Khiếu nại lần hai đối với ", 1),
            _ => subject,
        }
    }

    /// One to three sentences: what happened, what the citizen claims, what they ask for.
    pub fn summary(
        &self,
        dice: &mut Dice,
        kind: PetitionKind,
        field: Field,
        round: Option<Round>,
    ) -> String {
        let mut sentences: Vec<String> = Vec::with_capacity(3);
        if round == Some(Round::Second) {
            let (no, on) = super::agencies::earlier_decision(dice, self.received);
            sentences.push(format!(
                "Công dân không đồng ý với Quyết định giải quyết khiếu nại lần đầu số {no} ngày {} của Chủ tịch UBND {}.",
                on.format("%d/%m/%Y"),
                places::commune_label(&self.commune, false)
            ));
        } else if dice.chance(0.8) {
            sentences.push(self.render(dice.word(context_templates(kind, field))));
        }
        if dice.chance(0.45) {
            sentences.push(dice.pick(claim_templates(kind)).to_string());
        }
        if sentences.is_empty() || dice.chance(0.7) {
            sentences.push(dice.pick(request_templates(kind)).to_string());
        }
        sentences.truncate(3);
        sentences.join(" ")
    }
}

/// "thôn Tân Phong" from the citizen's locality; a street address names its tổ dân phố instead.
fn village_of(dice: &mut Dice, locality: &str) -> String {
    for prefix in ["Thôn ", "Tổ dân phố ", "Ấp ", "Bản "] {
        if let Some(rest) = locality.strip_prefix(prefix) {
            let lower = prefix.to_lowercase();
            return format!("{lower}{rest}");
        }
    }
    format!("tổ dân phố {}", dice.between(1, 15))
}

fn money(dice: &mut Dice) -> String {
    let millions = dice.between(15, 2_400);
    if millions >= 1_000 {
        let tenths = millions / 100;
        format!("{},{} tỷ đồng", tenths / 10, tenths % 10)
    } else {
        format!("{millions} triệu đồng")
    }
}
