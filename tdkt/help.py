"""Help where it is needed: a short guide per role (what the role does in the year, in order, each step
linking to its page) and the glossary of the legal terms the forms use, each term with an anchor that
the forms' "?" hints open (templates/help/_hint.html).

The guides name pages by their URL names, so a renamed address cannot leave a dead link: a missing
name is a test failure (tests/test_help.py), not a broken page."""
from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse

from tdkt.core.choices import Role
from tdkt.core.scope import role_of


@dataclass(frozen=True)
class Step:
    title: str
    text: str
    url_name: str = ""
    query: str = ""
    args: tuple = ()

    @property
    def url(self) -> str:
        if not self.url_name:
            return ""
        try:
            return reverse(self.url_name, args=self.args) + (f"?{self.query}" if self.query else "")
        except NoReverseMatch:
            return ""


@dataclass(frozen=True)
class Guide:
    role: str
    slug: str
    title: str
    summary: str
    steps: list[Step] = field(default_factory=list)

    @property
    def label(self) -> str:
        return Role(self.role).label


GUIDES: list[Guide] = [
    Guide(Role.CLERK, "can-bo-don-vi", "Cán bộ thi đua, khen thưởng của đơn vị",
          "Lập đăng ký, chấm điểm, giao ước và hồ sơ đề nghị khen thưởng cho đơn vị mình; theo dõi kết quả.", [
              Step("Đầu năm: đăng ký thi đua",
                   "Đăng ký danh hiệu thi đua cho tập thể và cá nhân của đơn vị trước hạn Ban Thi đua – Khen thưởng "
                   "tỉnh đặt; có thể tích chọn cả cột hoặc nhập từ tệp Excel mẫu.", "emulation:registrations"),
              Step("Ký giao ước thi đua", "Xem giao ước của khối, cụm và ký kết các chỉ tiêu đơn vị cam kết.",
                   "emulation:covenants"),
              Step("Theo dõi phong trào thi đua", "Đọc nội dung các phong trào được phát động tới đơn vị, nhập "
                   "sơ kết, tổng kết khi được yêu cầu.", "emulation:movements"),
              Step("Giữa và cuối năm: nhập kết quả giao ước, tự chấm điểm",
                   "Khi khối mở chấm điểm, đơn vị tự chấm theo bảng điểm và tải minh chứng trước hạn.",
                   "emulation:blocks"),
              Step("Cập nhật cá nhân, xếp loại", "Giữ danh sách cán bộ và mức xếp loại hằng năm đúng: đây là căn cứ "
                   "để xét điều kiện khen thưởng.", "org:people"),
              Step("Xem ai đủ điều kiện", "Trang Khen thưởng kịp thời liệt kê người đủ điều kiện mà chưa được khen.",
                   "eligibility:timely"),
              Step("Lập hồ sơ đề nghị khen thưởng", "Lập hồ sơ, thêm đối tượng, nêu thành tích và căn cứ, đính kèm tờ "
                   "trình, biên bản họp xét, báo cáo thành tích; nộp hồ sơ.", "dossiers:create"),
              Step("Bổ sung hồ sơ bị trả lại", "Hồ sơ “Trả lại để bổ sung” hiện trên trang chủ; sửa theo yêu cầu "
                   "thẩm định rồi nộp lại.", "dossiers:list", "trang_thai=returned"),
              Step("Nhận quyết định và bằng", "Khi có quyết định, tải quyết định, bằng khen, giấy khen của đơn vị.",
                   "awards:decisions"),
          ]),
    Guide(Role.OFFICER, "chuyen-vien-ban-tdkt", "Chuyên viên Ban Thi đua – Khen thưởng tỉnh",
          "Tổ chức phong trào, khối thi đua; tiếp nhận, thẩm định hồ sơ; chuẩn bị Hội đồng, công khai, quyết định.", [
              Step("Phát động phong trào thi đua", "Lập phong trào, chọn đơn vị tham gia, phát động.",
                   "emulation:movements"),
              Step("Lập khối, cụm thi đua và bảng điểm", "Xây dựng bảng điểm, mở chấm điểm với hạn tự chấm.",
                   "emulation:blocks"),
              Step("Theo dõi đăng ký thi đua", "Xem đơn vị nào đã gửi, chưa gửi đăng ký.", "emulation:registrations"),
              Step("Tiếp nhận hồ sơ", "Hồ sơ đơn vị mới nộp hoặc nộp lại: tiếp nhận, hoặc trả lại nếu thiếu thành phần.",
                   "dossiers:list", "trang_thai=submitted"),
              Step("Thẩm định", "Thẩm định từng đối tượng: đạt, trả lại để bổ sung (nêu yêu cầu), không đạt.",
                   "dossiers:list", "trang_thai=appraising"),
              Step("Trình Hội đồng", "Lập phiên họp, đưa hồ sơ đã thẩm định vào chương trình, mở bỏ phiếu, kết thúc.",
                   "dossiers:sessions"),
              Step("Công khai lấy ý kiến", "Công khai danh sách được Hội đồng thông qua; xử lý góp ý.",
                   "dossiers:disclosures"),
              Step("Trình ký, cấp số quyết định", "Theo dõi quyết định chờ ký và chờ cấp số; in bằng, in lên phôi.",
                   "dossiers:signing_queue"),
              Step("Mẫu in phôi bằng", "Đặt vị trí các dòng chữ (mm) khi in bằng khen, giấy khen lên phôi; in thử "
                   "để soát.", "dossiers:layout", args=("bang_khen",)),
              Step("Xét hàng loạt, khen thưởng kịp thời", "Chạy xét điều kiện toàn tỉnh để tìm người đủ điều kiện.",
                   "eligibility:timely"),
              Step("Sổ quyết định và thống kê", "Tra cứu quyết định, khen thưởng; xuất danh sách.", "awards:decisions"),
          ]),
    Guide(Role.COUNCIL, "thanh-vien-hoi-dong", "Thành viên Hội đồng Thi đua – Khen thưởng",
          "Xem hồ sơ trình Hội đồng và bỏ phiếu kín khi phiên họp mở bỏ phiếu.", [
              Step("Nhận thông báo mở bỏ phiếu", "Khi phiên họp mở bỏ phiếu, bạn nhận thông báo và thư điện tử.",
                   "dossiers:notifications"),
              Step("Xem chương trình phiên họp", "Mở phiên họp, xem từng đối tượng và hồ sơ kèm theo.",
                   "dossiers:sessions"),
              Step("Bỏ phiếu kín", "Chọn Đồng ý hoặc Không đồng ý cho từng đối tượng (trừ đối tượng của đơn vị mình "
                   "công tác), rồi gửi phiếu. Phiếu không ghi tên người bỏ.", "dossiers:sessions"),
              Step("Xem kết quả, biên bản", "Sau khi phiên họp kết thúc, xem kết quả và biên bản.", "dossiers:sessions"),
          ]),
    Guide(Role.LEADER, "lanh-dao-ky", "Lãnh đạo ký quyết định",
          "Ký quyết định khen thưởng sau khi hết thời gian công khai.", [
              Step("Xem việc chờ ký", "Trang “Ký, cấp số” liệt kê hồ sơ đã hết thời gian công khai chờ ký quyết định.",
                   "dossiers:signing_queue"),
              Step("Đọc danh sách, tiền thưởng, bản xem trước", "Mở từng hồ sơ, kiểm tra danh sách khen thưởng, tiền "
                   "thưởng và bản xem trước của quyết định.", "dossiers:signing_queue"),
              Step("Ký", "Ký quyết định; chức danh ký (Chủ tịch, KT. CHỦ TỊCH – Phó Chủ tịch) lấy từ tài khoản.",
                   "dossiers:signing_queue"),
              Step("Theo dõi sổ quyết định", "Xem quyết định đã ban hành và thống kê trên trang chủ.", "awards:decisions"),
          ]),
    Guide(Role.VIEWER, "nguoi-xem", "Người xem",
          "Tra cứu đơn vị, cá nhân, khen thưởng và quyết định trong phạm vi được giao; không sửa dữ liệu.", [
              Step("Xem số liệu tổng hợp", "Trang chủ tổng hợp khen thưởng theo năm.", "home"),
              Step("Tra cứu khen thưởng", "Lọc theo năm, hình thức, đơn vị; xuất Excel.", "awards:records"),
              Step("Tra cứu quyết định", "Sổ quyết định khen thưởng.", "awards:decisions"),
              Step("Tra cứu đơn vị, cá nhân", "Cây đơn vị và hồ sơ khen thưởng của từng cá nhân.", "org:units"),
          ]),
    Guide(Role.ADMIN, "quan-tri", "Quản trị hệ thống",
          "Cấp tài khoản, vai trò và phạm vi đơn vị; nhập dữ liệu ban đầu; theo dõi việc chạy nền.", [
              Step("Tạo tài khoản", "Mỗi người một tài khoản với vai trò và đơn vị (phạm vi dữ liệu được xem).",
                   "accounts:users"),
              Step("Cây đơn vị", "Giữ cây đơn vị đúng thực tế; ghi nhận sáp nhập để lịch sử đi theo đơn vị mới.",
                   "org:units"),
              Step("Nhập dữ liệu từ Excel", "Nhập cán bộ, khen thưởng, xếp loại từ tệp mẫu.", "imports:upload"),
              Step("Danh mục danh hiệu, hình thức", "Xem danh mục và căn cứ pháp lý.", "awards:catalogue"),
              Step("Mẫu in phôi bằng", "Đặt vị trí các dòng chữ khi in lên phôi bằng khen, giấy khen.",
                   "dossiers:layout", args=("bang_khen",)),
              Step("Việc chạy nền", "Theo dõi các việc dài (xét hàng loạt, xuất dữ liệu).", "jobs"),
          ]),
]
GUIDE_BY_ROLE = {g.role: g for g in GUIDES}
GUIDE_BY_SLUG = {g.slug: g for g in GUIDES}


@dataclass(frozen=True)
class Term:
    key: str  # the anchor on the glossary page and the name the hints use
    term: str
    meaning: str
    abbrev: str = ""
    basis: str = ""


# From /work/shared/domain/glossary.md, written for the users: what each term means in their work.
GLOSSARY: list[Term] = [
    Term("thi_dua", "Thi đua", "Hoạt động có tổ chức, tự nguyện, nhằm phát huy tinh thần hăng hái, sáng tạo của cá "
         "nhân, tập thể để hoàn thành tốt nhiệm vụ.", "TĐ", "Luật Thi đua, khen thưởng 2022, Điều 3"),
    Term("khen_thuong", "Khen thưởng", "Việc ghi nhận, biểu dương, tôn vinh công trạng, thành tích của cá nhân, tập "
         "thể, hộ gia đình bằng danh hiệu thi đua hoặc hình thức khen thưởng.", "KT",
         "Luật Thi đua, khen thưởng 2022, Điều 3"),
    Term("phong_trao", "Phong trào thi đua", "Đợt thi đua do cấp có thẩm quyền phát động, có chủ đề, phương châm hành "
         "động và nội dung. Thường xuyên: theo năm công tác; chuyên đề (theo đợt): cho một nhiệm vụ, thời hạn cụ thể."),
    Term("so_ket_tong_ket", "Sơ kết, tổng kết", "Đánh giá giữa kỳ (sơ kết) và cuối kỳ (tổng kết) một phong trào hoặc "
         "một năm; làm căn cứ khen thưởng."),
    Term("hoi_dong", "Hội đồng Thi đua – Khen thưởng", "Hội đồng tư vấn cho người đứng đầu về thi đua, khen thưởng; "
         "Chủ tịch Hội đồng là Chủ tịch UBND tỉnh. Hội đồng xét và bỏ phiếu kín các trường hợp đề nghị.", "HĐTĐKT"),
    Term("ban_tdkt", "Ban Thi đua – Khen thưởng", "Cơ quan tham mưu, thường trực của Hội đồng: tiếp nhận, thẩm định "
         "hồ sơ, chuẩn bị phiên họp, trình ký quyết định.", "Ban TĐKT"),
    Term("khoi_cum", "Khối thi đua, cụm thi đua", "Khối: các đơn vị có chức năng, nhiệm vụ tương đồng; cụm: các đơn vị "
         "cùng địa bàn. Mỗi năm có trưởng khối, phó khối luân phiên; khối chấm điểm, xếp hạng các thành viên."),
    Term("dang_ky", "Đăng ký thi đua", "Đầu năm, đơn vị đăng ký danh hiệu thi đua mà tập thể, cá nhân phấn đấu đạt. "
         "Không đăng ký thì không được xét danh hiệu thi đua của năm."),
    Term("giao_uoc", "Giao ước thi đua", "Cam kết giữa các đơn vị về các chỉ tiêu đo được; ký kết đầu năm, nhập kết "
         "quả giữa năm và cuối năm."),
    Term("nhiem_vu_trong_tam", "Nhiệm vụ trọng tâm", "Những việc đơn vị chọn làm trọng tâm trong năm (khoảng 10, một "
         "nhiệm vụ đột phá); là căn cứ chấm điểm thi đua."),
    Term("cham_diem", "Tiêu chí, bảng điểm, chấm điểm", "Bảng điểm của khối gồm các tiêu chí và điểm tối đa. Đơn vị tự "
         "chấm, khối chấm, rồi điểm cuối cùng được khóa và xếp hạng."),
    Term("can_cu", "Căn cứ đề nghị", "Thành tích do đơn vị đề nghị tự xác định, kèm minh chứng (văn bản, số quyết "
         "định): tiêu biểu xuất sắc trong phong trào thi đua, thành tích đột xuất… Hệ thống không tự suy ra được; Hội "
         "đồng Thi đua – Khen thưởng đánh giá khi bình xét."),
    Term("tieu_chi_loai_tru", "Tiêu chí loại trừ (điều kiện không xét thi đua)", "Điều kiện mà đơn vị vi phạm thì "
         "không được xét xếp hạng, khen thưởng trong khối năm đó dù điểm cao (ví dụ: để xảy ra tham nhũng, mất an "
         "toàn nghiêm trọng). Quy chế khối ghi rõ các điều kiện này; Ban Thi đua – Khen thưởng ghi nhận kèm lý do."),
    Term("xep_hang_xep_loai", "Xếp hạng, xếp loại", "Xếp hạng: thứ tự các đơn vị trong khối theo điểm. Xếp loại: mức "
         "đánh giá theo ngưỡng điểm (ví dụ xuất sắc, tốt)."),
    Term("danh_hieu", "Danh hiệu thi đua", "Danh hiệu xét tặng hằng năm hoặc theo đợt: Lao động tiên tiến, Chiến sĩ thi "
         "đua, Tập thể lao động tiên tiến, xuất sắc, Cờ thi đua…", "", "Luật Thi đua, khen thưởng 2022, Điều 23"),
    Term("hinh_thuc", "Hình thức khen thưởng", "Huân chương, huy chương, danh hiệu vinh dự nhà nước, kỷ niệm chương, "
         "bằng khen, giấy khen.", "", "Luật Thi đua, khen thưởng 2022, Điều 34"),
    Term("ldtt", "Lao động tiên tiến", "Danh hiệu cho cá nhân hoàn thành tốt nhiệm vụ trở lên, chấp hành tốt chủ "
         "trương, pháp luật, có tinh thần tự lực, đoàn kết.", "LĐTT"),
    Term("cstd", "Chiến sĩ thi đua cơ sở, cấp tỉnh, toàn quốc", "Danh hiệu cho cá nhân có thành tích tiêu biểu; cấp "
         "cao hơn đòi hỏi nhiều năm liên tục đạt cấp dưới và sáng kiến có phạm vi ảnh hưởng tương ứng.", "CSTĐ"),
    Term("tap_the", "Tập thể lao động tiên tiến, xuất sắc", "Danh hiệu cho tập thể hoàn thành tốt (tiên tiến) hoặc xuất "
         "sắc (xuất sắc) nhiệm vụ.", "TTLĐTT, TTLĐXS"),
    Term("co_thi_dua", "Cờ thi đua", "Tặng tập thể dẫn đầu khối, cụm thi đua: Cờ thi đua của UBND tỉnh, của Chính phủ."),
    Term("bang_khen", "Bằng khen", "Hình thức khen thưởng của Chủ tịch UBND tỉnh hoặc Thủ tướng Chính phủ.", "BK"),
    Term("giay_khen", "Giấy khen", "Hình thức khen thưởng của thủ trưởng cơ quan, đơn vị hoặc Chủ tịch UBND xã.", "GK"),
    Term("huan_chuong", "Huân chương, huy chương, kỷ niệm chương", "Các hình thức khen thưởng cấp nhà nước (Huân chương "
         "Lao động hạng Nhất, Nhì, Ba…) và kỷ niệm chương của ngành.", "HC"),
    Term("loai_hinh", "Loại hình khen thưởng", "Thường xuyên (theo năm), chuyên đề (theo phong trào), đột xuất (thành "
         "tích đặc biệt), cống hiến, niên hạn, đối ngoại. Đột xuất được xét theo thủ tục đơn giản.", "",
         "Luật Thi đua, khen thưởng 2022, Điều 85"),
    Term("thanh_tich", "Thành tích", "Kết quả nổi bật của cá nhân, tập thể, được nêu trong báo cáo thành tích và trích "
         "yếu khen thưởng."),
    Term("htxsnv", "Hoàn thành xuất sắc nhiệm vụ", "Mức xếp loại hằng năm cao nhất của cá nhân, tập thể; là điều kiện "
         "của nhiều danh hiệu, hình thức khen thưởng.", "HTXSNV"),
    Term("sang_kien", "Sáng kiến; phạm vi ảnh hưởng", "Giải pháp được công nhận có hiệu quả; phạm vi ảnh hưởng (cơ sở, "
         "tỉnh, toàn quốc) là điều kiện của danh hiệu Chiến sĩ thi đua các cấp."),
    Term("ky_luat", "Kỷ luật", "Người đang bị kỷ luật hoặc trong thời gian xem xét kỷ luật thì chưa được xét khen thưởng."),
    Term("ho_so", "Hồ sơ đề nghị khen thưởng", "Tờ trình của đơn vị kèm danh sách đối tượng, biên bản họp xét, báo cáo "
         "thành tích và tài liệu chứng minh."),
    Term("to_trinh", "Tờ trình, biên bản họp, báo cáo thành tích", "Các thành phần bắt buộc của hồ sơ: tờ trình đề nghị; "
         "biên bản họp xét của Hội đồng thi đua đơn vị; báo cáo thành tích của từng đối tượng."),
    Term("tham_dinh", "Thẩm định", "Ban Thi đua – Khen thưởng kiểm tra hồ sơ và điều kiện của từng đối tượng trước khi "
         "trình Hội đồng."),
    Term("tra_lai", "Trả lại để bổ sung", "Hồ sơ thiếu hoặc chưa đúng được trả về đơn vị, kèm yêu cầu bổ sung; đơn vị "
         "sửa và nộp lại."),
    Term("hiep_y", "Hiệp y", "Việc hỏi ý kiến cơ quan khác (ví dụ cơ quan quản lý ngành, cơ quan công an, thuế) về đối "
         "tượng đề nghị khen thưởng."),
    Term("bo_phieu", "Bình xét, bỏ phiếu kín", "Hội đồng bình xét và bỏ phiếu kín; đối tượng được thông qua khi tỷ lệ "
         "đồng ý đạt ngưỡng quy định và phiên họp đủ tỷ lệ thành viên tham dự."),
    Term("cong_khai", "Công khai, lấy ý kiến", "Danh sách được Hội đồng thông qua được công khai để nhân dân góp ý trước "
         "khi quyết định.", "", "Luật Thi đua, khen thưởng 2022, Điều 84"),
    Term("quyet_dinh", "Quyết định khen thưởng; số, ký hiệu", "Văn bản của người có thẩm quyền; văn thư cấp số, ký hiệu "
         "(ví dụ 123/QĐ-UBND) sau khi ký.", "QĐ"),
    Term("trinh_cap_tren", "Trình cấp trên", "Với khen thưởng của Thủ tướng Chính phủ, Chủ tịch nước: tỉnh trình hồ sơ "
         "lên Bộ Nội vụ thay vì tự quyết định."),
    Term("phoi", "Phôi bằng khen", "Giấy in sẵn hoa văn, quốc hiệu; hệ thống in phần chữ thay đổi (họ tên, thành tích, "
         "số quyết định) lên đúng vị trí trên phôi."),
    Term("dien_hinh", "Điển hình tiên tiến; người tốt việc tốt", "Gương cá nhân, tập thể tiêu biểu được phát hiện, bồi "
         "dưỡng, nhân rộng."),
    Term("truc_tiep_lao_dong", "Người trực tiếp lao động, sản xuất, công tác", "Người không giữ chức vụ lãnh đạo, quản "
         "lý; pháp luật yêu cầu ưu tiên khen thưởng họ.", "", "Luật Thi đua, khen thưởng 2022, Điều 5"),
    Term("quy", "Quỹ thi đua, khen thưởng; tiền thưởng; lương cơ sở", "Tiền thưởng tính bằng hệ số nhân với mức lương "
         "cơ sở tại thời điểm ban hành quyết định, chi từ quỹ thi đua, khen thưởng."),
    Term("don_vi", "Đơn vị; UBND tỉnh, xã; sở, ban, ngành", "Từ 01/7/2025 chính quyền địa phương có hai cấp: tỉnh và "
         "xã."),
    Term("cbccvc", "Cán bộ, công chức, viên chức, người lao động", "Những người được quản lý trong hệ thống và có thể "
         "được đề nghị khen thưởng.", "CBCCVC"),
    Term("sap_nhap", "Sáp nhập", "Khi đơn vị sáp nhập, lịch sử khen thưởng của đơn vị cũ đi theo đơn vị tiếp nhận."),
]
TERMS = {t.key: t for t in GLOSSARY}


@login_required
def help_index(request):
    """Every role's guide on one page, the user's own first and open; each guide has its anchor
    (/huong-dan/#can-bo-don-vi), so the menu, the desk and the error pages link straight to it."""
    mine = GUIDE_BY_ROLE.get(role_of(request.user))
    guides = ([mine] if mine else []) + [g for g in GUIDES if g is not mine]
    return render(request, "help/index.html", {"guides": guides, "mine": mine})


@login_required
def glossary(request):
    return render(request, "help/glossary.html", {"terms": GLOSSARY})
