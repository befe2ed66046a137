<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB" sourcelanguage="vi_VN">
<context>
    <name>CameraPreview</name>
    <message>
        <source>Đã đọc được thẻ</source>
        <translation>Card read</translation>
    </message>
    <message>
        <source>Đưa mã QR trên thẻ căn cước vào khung vàng</source>
        <translation>Hold the QR code on your ID card inside the yellow frame</translation>
    </message>
</context>
<context>
    <name>ChipKeyPage</name>
    <message>
        <source>Có giá trị đến (in trên thẻ, ngày/tháng/năm)</source>
        <translation>Valid until (printed on the card, day/month/year)</translation>
    </message>
    <message>
        <source>Ngày sinh (ngày/tháng/năm)</source>
        <translation>Date of birth (day/month/year)</translation>
    </message>
    <message>
        <source>Quay lại</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>Số giấy tờ trên dòng mã MRZ ở mặt sau thẻ (9 số sau chữ IDVNM)</source>
        <translation>Document number on the MRZ line on the back of the card (the 9 digits after IDVNM)</translation>
    </message>
    <message>
        <source>Số định danh cá nhân (12 số)</source>
        <translation>Personal ID number (12 digits)</translation>
    </message>
    <message>
        <source>Đọc chip</source>
        <translation>Read the chip</translation>
    </message>
    <message>
        <source>Đọc chip trên thẻ căn cước</source>
        <translation>Read the chip on the identity card</translation>
    </message>
</context>
<context>
    <name>ChipPanel</name>
    <message>
        <source>Cho cán bộ hỗ trợ: kết quả đọc chip (ảnh chỉ để đối chiếu, không lưu)</source>
        <translation>For the helper: what the chip says (the photo is only for comparison and is not kept)</translation>
    </message>
    <message>
        <source>Không hiển thị được ảnh trong chip trên máy này.</source>
        <translation>The photo in the chip cannot be shown on this computer.</translation>
    </message>
</context>
<context>
    <name>CitizenFlow</name>
    <message>
        <source>Xin chờ một chút…</source>
        <translation>One moment, please…</translation>
    </message>
</context>
<context>
    <name>ConfirmScreen</name>
    <message>
        <source>Giới tính</source>
        <translation>Sex</translation>
    </message>
    <message>
        <source>Họ và tên</source>
        <translation>Full name</translation>
    </message>
    <message>
        <source>Không đồng ý lưu</source>
        <translation>Do not keep my details</translation>
    </message>
    <message>
        <source>Nam</source>
        <translation>Male</translation>
    </message>
    <message>
        <source>Năm sinh</source>
        <translation>Year of birth</translation>
    </message>
    <message>
        <source>Nữ</source>
        <translation>Female</translation>
    </message>
    <message>
        <source>Quét lại</source>
        <translation>Scan again</translation>
    </message>
    <message>
        <source>Quầy lưu họ tên (mã hóa), số định danh đã che, năm sinh, giới tính và việc đã làm, để thống kê và hỗ trợ {you} lần sau. Không lưu ảnh, mật khẩu, mã OTP. Tự xóa sau {days} ngày. {You} có quyền xem, sửa, rút đồng ý, yêu cầu xóa (Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15). Không đồng ý: {you} vẫn được hỗ trợ, quầy không lưu thông tin cá nhân.</source>
        <translation>The counter keeps your name (encrypted), your ID number with most digits hidden, your year of birth, your sex and what was done, for statistics and to help you next time. No photos, passwords or OTP codes are kept. Everything is deleted after {days} days. You may see it, correct it, withdraw your consent or ask for it to be deleted (Personal Data Protection Law 91/2025/QH15). If you do not agree, you will still be helped, but the counter will not keep your personal information.</translation>
    </message>
    <message>
        <source>Số định danh</source>
        <translation>Personal ID number</translation>
    </message>
    <message>
        <source>Thông tin trên thẻ có đúng không?</source>
        <translation>Is the information from the card correct?</translation>
    </message>
    <message>
        <source>Đúng, tôi đồng ý</source>
        <translation>Yes, I agree</translation>
    </message>
    <message>
        <source>Đọc chip để xác thực</source>
        <translation>Read the chip to verify</translation>
    </message>
    <message>
        <source>Đồng ý cho quầy ghi lại lượt hỗ trợ</source>
        <translation>I agree that the counter records this visit</translation>
    </message>
</context>
<context>
    <name>CorrectionPages</name>
    <message>
        <source>Hủy</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Sửa kết quả · biên nhận {receipt}</source>
        <translation>Correct the result · receipt {receipt}</translation>
    </message>
    <message>
        <source>Tiếp: chọn kết quả mới</source>
        <translation>Next: choose the new result</translation>
    </message>
    <message>
        <source>Việc nào cần sửa kết quả?</source>
        <translation>Which task needs its result corrected?</translation>
    </message>
    <message>
        <source>Vì sao cần sửa?</source>
        <translation>Why does it need correcting?</translation>
    </message>
</context>
<context>
    <name>DashboardScreen</name>
    <message>
        <source>Bước người dân hay gặp khó nhất</source>
        <translation>Steps where people get stuck most often</translation>
    </message>
    <message>
        <source>Bảng số liệu của quầy</source>
        <translation>Counter dashboard</translation>
    </message>
    <message>
        <source>Chưa có trong kỳ này.</source>
        <translation>Nothing in this period yet.</translation>
    </message>
    <message>
        <source>Chưa cấu hình mục tiêu của tỉnh (mục [targets] trong cài đặt).</source>
        <translation>The province&apos;s targets have not been set up (the [targets] section of the settings).</translation>
    </message>
    <message>
        <source>Hôm nay</source>
        <translation>Today</translation>
    </message>
    <message>
        <source>Hôm nay, {day}</source>
        <translation>Today, {day}</translation>
    </message>
    <message>
        <source>Lý do chưa làm xong</source>
        <translation>Why tasks were not finished</translation>
    </message>
    <message>
        <source>Lượt hỗ trợ</source>
        <translation>Visits</translation>
    </message>
    <message>
        <source>Mức hài lòng trung bình</source>
        <translation>Average satisfaction</translation>
    </message>
    <message>
        <source>Người dân được hỗ trợ</source>
        <translation>People helped</translation>
    </message>
    <message>
        <source>Quay lại</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>Số liệu toàn trung tâm</source>
        <translation>Figures of the whole centre</translation>
    </message>
    <message>
        <source>Tháng này</source>
        <translation>This month</translation>
    </message>
    <message>
        <source>Toàn trung tâm</source>
        <translation>Whole centre</translation>
    </message>
    <message>
        <source>Từ {first} đến {last}</source>
        <translation>From {first} to {last}</translation>
    </message>
    <message>
        <source>Việc đã hoàn thành, theo loại</source>
        <translation>Tasks completed, by type</translation>
    </message>
    <message>
        <source>chưa có lượt đánh giá</source>
        <translation>no ratings yet</translation>
    </message>
    <message>
        <source>hồ sơ · toàn trình {full} · một phần {partial}</source>
        <translation>dossiers · fully online {full} · partly online {partial}</translation>
    </message>
    <message>
        <source>lượt · {people} người</source>
        <translation>services · {people} people</translation>
    </message>
    <message>
        <source>lượt · {people} người, {adults} người trưởng thành</source>
        <translation>services · {people} people, {adults} adults</translation>
    </message>
    <message>
        <source>mỗi người tính một lần</source>
        <translation>each person counted once</translation>
    </message>
    <message>
        <source>xong {done} · chưa xong {open}</source>
        <translation>{done} finished · {open} not finished</translation>
    </message>
    <message>
        <source>{n} hồ sơ</source>
        <translation>{n} dossiers</translation>
    </message>
    <message>
        <source>{n} hồ sơ · {people} người</source>
        <translation>{n} dossiers · {people} people</translation>
    </message>
    <message>
        <source>{n} lượt · {people} người</source>
        <translation>{n} services · {people} people</translation>
    </message>
    <message>
        <source>{n} lượt đánh giá</source>
        <translation>{n} ratings</translation>
    </message>
    <message>
        <source>{n} người</source>
        <translation>{n} people</translation>
    </message>
    <message>
        <source>{service}, bước {n}: {title}</source>
        <translation>{service}, step {n}: {title}</translation>
    </message>
    <message>
        <source>Đang tải số liệu…</source>
        <translation>Loading the figures…</translation>
    </message>
    <message>
        <source>Đóng góp vào mục tiêu của tỉnh</source>
        <translation>Contribution to the province&apos;s targets</translation>
    </message>
</context>
<context>
    <name>DoneScreen</name>
    <message>
        <source>Biên nhận ghi các bước tiếp theo và mã hồ sơ để {you} tra cứu tại nhà.</source>
        <translation>The receipt lists the next steps and the application code, so that you can look it up at home.</translation>
    </message>
    <message>
        <source>Biên nhận sẽ được in khi máy in sẵn sàng; tình nguyện viên sẽ đưa cho {you}.</source>
        <translation>Your receipt will be printed when the printer is ready; the volunteer will hand it to you.</translation>
    </message>
    <message>
        <source>Biên nhận đã in xong. {You} nhớ cầm theo.</source>
        <translation>Your receipt has been printed. Please remember to take it with you.</translation>
    </message>
    <message>
        <source>Cảm ơn {you}! Đã xong.</source>
        <translation>Thank you! All done.</translation>
    </message>
    <message>
        <source>In lại biên nhận</source>
        <translation>Print the receipt again</translation>
    </message>
    <message>
        <source>Số biên nhận</source>
        <translation>Receipt number</translation>
    </message>
    <message>
        <source>Về màn hình chính</source>
        <translation>Back to the start</translation>
    </message>
    <message>
        <source>Đang in biên nhận…</source>
        <translation>Printing the receipt…</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>Biên nhận không phải tệp PDF hợp lệ nên không in được. Báo cán bộ CNTT.</source>
        <translation>The receipt is not a valid PDF file, so it cannot be printed. Please tell the IT officer.</translation>
    </message>
    <message>
        <source>Biên nhận này không in được vì dữ liệu cá nhân của người dân vừa bị xóa theo yêu cầu hoặc hết thời hạn lưu.</source>
        <translation>This receipt will not print: the citizen&apos;s personal data has just been erased, at their request or at the end of the retention period.</translation>
    </message>
    <message>
        <source>Bộ phận in gặp lỗi và đã dừng; biên nhận vẫn được giữ. Báo cán bộ CNTT.</source>
        <translation>The printing part of the kiosk had an error and has stopped; the receipt has been kept. Please tell the IT officer.</translation>
    </message>
    <message>
        <source>Chưa biết cơ sở dữ liệu của trung tâm: đặt database.central_url trong tệp cấu hình hoặc thêm --url.</source>
        <translation>The centre&apos;s database is not known: set database.central_url in the settings file or add --url.</translation>
    </message>
    <message>
        <source>Chưa bắt đầu lượt hỗ trợ.</source>
        <translation>The visit has not started yet.</translation>
    </message>
    <message>
        <source>Chưa chọn dịch vụ nào cho lượt hỗ trợ này.</source>
        <translation>No service has been chosen for this visit yet.</translation>
    </message>
    <message>
        <source>Chưa cài dịch vụ in CUPS (không có lệnh lp). Báo cán bộ CNTT.</source>
        <translation>The CUPS print service is not installed (there is no lp command). Please tell the IT officer.</translation>
    </message>
    <message>
        <source>Chưa có thông tin thẻ để ghi nhận sự đồng ý.</source>
        <translation>There are no card details yet to record the consent for.</translation>
    </message>
    <message>
        <source>Chưa ghi kết quả cho: {names}.</source>
        <translation>No outcome recorded yet for: {names}.</translation>
    </message>
    <message>
        <source>Chưa nhập mã PIN.</source>
        <translation>No PIN was entered.</translation>
    </message>
    <message>
        <source>Chưa nhập mã PIN: chạy lệnh trong cửa sổ dòng lệnh để được hỏi, hoặc đưa mã PIN vào đầu vào chuẩn (một dòng).</source>
        <translation>No PIN was entered: run the command in a terminal window to be asked, or give the PIN on standard input (one line).</translation>
    </message>
    <message>
        <source>Chỉ lưu số điện thoại khi đã hẹn ngày quay lại.</source>
        <translation>A phone number is kept only when a day to come back has been set.</translation>
    </message>
    <message>
        <source>Chỉ điều chỉnh được lượt hỗ trợ đã hoàn tất.</source>
        <translation>Only a finished visit can be corrected.</translation>
    </message>
    <message>
        <source>Chức năng này chỉ dành cho quản trị viên.</source>
        <translation>Only an administrator can do this.</translation>
    </message>
    <message>
        <source>Cơ sở dữ liệu hiện tại không mở được, nên quản trị viên được kiểm tra trong bản sao lưu: tên đăng nhập hoặc mã PIN quản trị không đúng với bản sao lưu này.</source>
        <translation>The current database cannot be opened, so the admin is checked in the backup: the username or the admin PIN does not match this backup.</translation>
    </message>
    <message>
        <source>Cơ sở dữ liệu không trả lời kịp ({where}): dữ liệu đang bị một việc khác giữ hoặc máy chủ quá tải. Hãy thử lại sau ít phút; nếu vẫn vậy, báo cán bộ CNTT.</source>
        <translation>The database did not answer in time ({where}): the data is held by another task or the server is overloaded. Try again in a few minutes; if it happens again, tell the IT officer.</translation>
    </message>
    <message>
        <source>Cơ sở dữ liệu {database} đã chứa dữ liệu của một chương trình khác; Quầy Số không ghi vào đó. Hãy chọn một tệp hoặc cơ sở dữ liệu trống.</source>
        <translation>The database {database} already holds another program&apos;s data; Quầy Số does not write to it. Choose an empty file or database.</translation>
    </message>
    <message>
        <source>Cơ sở dữ liệu {where} bị hỏng (kiểm tra toàn vẹn phát hiện lỗi): dữ liệu đọc từ đó có thể bị thiếu mà không báo, nên Quầy Số không xuất báo cáo, không sao lưu và không chốt sổ từ nó. Hãy tắt kiosk rồi khôi phục bản sao lưu gần nhất: xem danh sách bằng kiosk backup --list, rồi chạy kiosk restore TÊN_TỆP. Nếu không có bản sao lưu, báo cán bộ CNTT và đừng ghi thêm vào máy này.</source>
        <translation>The database {where} is damaged (the integrity check found errors): data read from it may be missing without any warning, so Quầy Số does not export reports, back up or close the day from it. Stop the kiosk and restore the latest backup: list them with kiosk backup --list, then run kiosk restore FILE_NAME. If there is no backup, tell the IT officer and do not write anything more on this computer.</translation>
    </message>
    <message>
        <source>Cơ sở dữ liệu {where} đã mất hoặc trống, dù máy này đã ghi dữ liệu vào đó (gắn với khóa bảo vệ dữ liệu mã {fingerprint}). Quầy Số không tạo cơ sở dữ liệu mới thay thế, vì số biên nhận sẽ bắt đầu lại từ 0001. Hãy khôi phục bản sao lưu gần nhất: xem danh sách bằng kiosk backup --list, rồi chạy kiosk restore TÊN_TỆP. Nếu không có bản sao lưu, báo cán bộ CNTT.</source>
        <translation>The database {where} is missing or empty, although this computer had stored data in it (bound to the privacy key {fingerprint}). Quầy Số does not create a new database in its place, because receipt numbers would start again at 0001. Restore the latest backup: list them with kiosk backup --list, then run kiosk restore FILE_NAME. If there is no backup, tell the IT officer.</translation>
    </message>
    <message>
        <source>Cơ sở dữ liệu {where} ở phiên bản lược đồ {revision}, mới hơn phiên bản Quầy Số này (lược đồ mới nhất: {head}): một phiên bản Quầy Số mới hơn đã dùng nó. Hãy cập nhật Quầy Số trên máy này lên phiên bản đó; dữ liệu vẫn còn nguyên, chưa có gì bị thay đổi.</source>
        <translation>The database {where} is at schema version {revision}, newer than this version of Quầy Số (its newest schema: {head}): a newer version of Quầy Số has used it. Update Quầy Số on this computer to that version; the data is intact and nothing has been changed.</translation>
    </message>
    <message>
        <source>Cơ sở dữ liệu đang bận vì một chương trình khác đang ghi ({where}). Hãy thử lại sau ít phút.</source>
        <translation>The database is busy because another program is writing to it ({where}). Try again in a few minutes.</translation>
    </message>
    <message>
        <source>Cần chọn lý do khi dịch vụ chưa hoàn thành.</source>
        <translation>Choose a reason when a service is not done.</translation>
    </message>
    <message>
        <source>Cần ghi lý do điều chỉnh.</source>
        <translation>Give the reason for the correction.</translation>
    </message>
    <message>
        <source>Dịch vụ &apos;{code}&apos; không có trong danh mục.</source>
        <translation>The service &apos;{code}&apos; is not in the catalogue.</translation>
    </message>
    <message>
        <source>Dữ liệu mã hóa có định dạng không xác định.</source>
        <translation>The encrypted data is in an unknown format.</translation>
    </message>
    <message>
        <source>Ghi chú có ký tự điều khiển hoặc ký tự ẩn (ở vị trí {position}); hãy gõ lại.</source>
        <translation>The notes have a control or invisible character (at position {position}); type them again.</translation>
    </message>
    <message>
        <source>Ghi chú dài quá {limit} ký tự (đang có {length}).</source>
        <translation>The notes are longer than {limit} characters ({length}).</translation>
    </message>
    <message>
        <source>Giới tính phải là Nam hoặc Nữ.</source>
        <translation>Sex must be Nam (male) or Nữ (female).</translation>
    </message>
    <message>
        <source>Hãy chọn ít nhất một việc cần hỗ trợ.</source>
        <translation>Choose at least one thing to get help with.</translation>
    </message>
    <message>
        <source>Họ tên người dân có ký tự điều khiển hoặc ký tự ẩn (ở vị trí {position}); hãy nhập lại.</source>
        <translation>The citizen&apos;s name has a control or invisible character (at position {position}); enter it again.</translation>
    </message>
    <message>
        <source>Họ tên người dân dài quá {limit} ký tự (đang có {length}).</source>
        <translation>The citizen&apos;s name is longer than {limit} characters ({length}).</translation>
    </message>
    <message>
        <source>Họ tên người hỗ trợ có ký tự điều khiển hoặc ký tự ẩn (ở vị trí {position}); hãy gõ lại họ tên.</source>
        <translation>The helper&apos;s name has a control or invisible character (at position {position}); type the name again.</translation>
    </message>
    <message>
        <source>Họ tên người hỗ trợ dài quá {limit} ký tự (đang có {length}).</source>
        <translation>The helper&apos;s name is longer than {limit} characters ({length}).</translation>
    </message>
    <message>
        <source>Họ tên người hỗ trợ không được để trống.</source>
        <translation>The helper&apos;s full name cannot be empty.</translation>
    </message>
    <message>
        <source>Khó khăn &apos;{code}&apos; không có trong danh mục.</source>
        <translation>The difficulty &apos;{code}&apos; is not in the catalogue.</translation>
    </message>
    <message>
        <source>Khóa bảo vệ dữ liệu phải dài 32 byte.</source>
        <translation>The data protection key must be 32 bytes long.</translation>
    </message>
    <message>
        <source>Không có dữ liệu nào của số định danh này.</source>
        <translation>There is no data for this ID number.</translation>
    </message>
    <message>
        <source>Không có máy in &apos;{name}&apos; trong CUPS. Hãy kiểm tra cài đặt printing.printer hoặc báo cán bộ CNTT; biên nhận vẫn được giữ.</source>
        <translation>There is no printer &apos;{name}&apos; in CUPS. Check the printing.printer setting or tell the IT officer; the receipt has been kept.</translation>
    </message>
    <message>
        <source>Không có máy in &apos;{name}&apos; trong danh sách máy in của hệ thống. Hãy kiểm tra cài đặt printing.printer hoặc báo cán bộ CNTT; biên nhận vẫn được giữ.</source>
        <translation>There is no printer &apos;{name}&apos; in the system&apos;s list of printers. Check the printing.printer setting or tell the IT officer; the receipt has been kept.</translation>
    </message>
    <message>
        <source>Không có người hỗ trợ với tên đăng nhập &apos;{username}&apos;.</source>
        <translation>There is no helper with the username &apos;{username}&apos;.</translation>
    </message>
    <message>
        <source>Không có tệp khóa bảo vệ dữ liệu {path}, mà dữ liệu của máy này đã gắn với khóa mã {fingerprint}. Quầy Số không tạo khóa mới, vì họ tên và ghi chú đã mã hóa sẽ không đọc được nữa. Hãy chép lại đúng tệp khóa đó (bản sao để riêng, ví dụ trên USB cất trong két) vào {path} rồi khởi động lại.</source>
        <translation>The privacy key file {path} is missing, although this computer&apos;s data is bound to the key {fingerprint}. Quầy Số does not create a new key, because the encrypted names and notes could no longer be read. Copy that same key file back (from the copy kept apart, for example on a USB stick in the safe) to {path}, then start again.</translation>
    </message>
    <message>
        <source>Không ghi được tệp {path}: {reason}. Hãy chọn thư mục khác (ví dụ thư mục Tài liệu) rồi thử lại.</source>
        <translation>Could not write the file {path}: {reason}. Choose another folder (for example Documents) and try again.</translation>
    </message>
    <message>
        <source>Không giải mã được dữ liệu: tệp khóa không khớp với cơ sở dữ liệu.</source>
        <translation>Cannot decrypt the data: the key file does not match the database.</translation>
    </message>
    <message>
        <source>Không gửi được lệnh in tới máy in &apos;{name}&apos;. Hãy kiểm tra máy in rồi bấm In lại; biên nhận vẫn được giữ.</source>
        <translation>Cannot send the print job to the printer &apos;{name}&apos;. Check the printer, then press Print again; the receipt has been kept.</translation>
    </message>
    <message>
        <source>Không kết nối được cơ sở dữ liệu ({where}). Kiểm tra máy chủ, mạng hoặc quyền truy cập rồi thử lại.</source>
        <translation>Cannot connect to the database ({where}). Check the server, the network or the access rights, then try again.</translation>
    </message>
    <message>
        <source>Không kết nối được dịch vụ in CUPS. Báo cán bộ CNTT; biên nhận vẫn được giữ để in lại.</source>
        <translation>Cannot connect to the CUPS print service. Tell the IT officer; the receipt has been kept so that it can be printed later.</translation>
    </message>
    <message>
        <source>Không kết nối được máy in nhiệt ở {where} (máy in tắt, tuột dây mạng hoặc sai địa chỉ). Hãy bật máy in, kiểm tra dây mạng rồi bấm In lại; biên nhận vẫn được giữ.</source>
        <translation>Cannot connect to the receipt printer at {where} (the printer is off, its network cable is loose or the address is wrong). Turn the printer on, check the network cable, then press Print again; the receipt has been kept.</translation>
    </message>
    <message>
        <source>Không mở được cổng {where} của máy in nhiệt (chưa cắm cáp hoặc cổng đang bận). Hãy kiểm tra cáp, bật máy in rồi bấm In lại; biên nhận vẫn được giữ.</source>
        <translation>Cannot open the port {where} of the receipt printer (the cable is not plugged in or the port is busy). Check the cable, turn the printer on, then press Print again; the receipt has been kept.</translation>
    </message>
    <message>
        <source>Không thấy máy in nhiệt ở {where} (chưa cắm cáp USB hoặc máy in đang tắt). Hãy cắm cáp, bật máy in rồi bấm In lại; biên nhận vẫn được giữ.</source>
        <translation>No receipt printer found at {where} (the USB cable is not plugged in or the printer is off). Plug in the cable, turn the printer on, then press Print again; the receipt has been kept.</translation>
    </message>
    <message>
        <source>Không thể chốt sổ ngày {day} chưa đến.</source>
        <translation>The day {day} has not come yet and cannot be closed.</translation>
    </message>
    <message>
        <source>Không tìm thấy biên nhận số {receipt_no}.</source>
        <translation>No receipt numbered {receipt_no} was found.</translation>
    </message>
    <message>
        <source>Không tìm thấy lượt hỗ trợ này.</source>
        <translation>This visit was not found.</translation>
    </message>
    <message>
        <source>Kiosk chưa có quản trị viên: hãy tạo quản trị viên đầu tiên trước (--role admin).</source>
        <translation>The kiosk has no admin yet: create the first admin first (--role admin).</translation>
    </message>
    <message>
        <source>Kiosk không có quyền gửi lệnh in tới {where}. Báo cán bộ CNTT (thêm tài khoản chạy kiosk vào nhóm lp hoặc dialout); biên nhận vẫn được giữ.</source>
        <translation>The kiosk is not allowed to send print jobs to {where}. Tell the IT officer (add the account that runs the kiosk to the lp or dialout group); the receipt has been kept.</translation>
    </message>
    <message>
        <source>Kiosk đã có quản trị viên: cần --admin và mã PIN của họ.</source>
        <translation>The kiosk already has an admin: --admin and their PIN are needed.</translation>
    </message>
    <message>
        <source>Kết quả phải là: đã hoàn thành, một phần, hoặc không thực hiện được.</source>
        <translation>The outcome must be: done, partly done, or not possible.</translation>
    </message>
    <message>
        <source>Loại người hỗ trợ phải là volunteer (tình nguyện viên) hoặc staff.</source>
        <translation>The helper type must be volunteer or staff.</translation>
    </message>
    <message>
        <source>Lý do &apos;{code}&apos; không có trong danh mục.</source>
        <translation>The reason &apos;{code}&apos; is not in the catalogue.</translation>
    </message>
    <message>
        <source>Lý do điều chỉnh có ký tự điều khiển hoặc ký tự ẩn (ở vị trí {position}); hãy gõ lại.</source>
        <translation>The reason for the correction has a control or invisible character (at position {position}); type it again.</translation>
    </message>
    <message>
        <source>Lý do điều chỉnh dài quá {limit} ký tự (đang có {length}).</source>
        <translation>The reason for the correction is longer than {limit} characters ({length}).</translation>
    </message>
    <message>
        <source>Lượt hỗ trợ chưa kết thúc nên chưa có biên nhận.</source>
        <translation>The visit has not finished, so there is no receipt yet.</translation>
    </message>
    <message>
        <source>Lượt hỗ trợ này đã kết thúc, không thể tiếp tục.</source>
        <translation>This visit has ended and cannot be continued.</translation>
    </message>
    <message>
        <source>Lượt hỗ trợ này đã kết thúc; muốn thay đổi hãy tạo một bản điều chỉnh.</source>
        <translation>This visit has ended; to change it, record a correction.</translation>
    </message>
    <message>
        <source>Lượt hỗ trợ đã bắt đầu; không thể đổi người dân.</source>
        <translation>The visit has started; the citizen cannot be changed.</translation>
    </message>
    <message>
        <source>Lượt {visit} điều chỉnh một lượt chưa có trên máy chủ; hãy giải quyết lượt gốc trước.</source>
        <translation>Visit {visit} corrects a visit the server does not have yet; resolve the original visit first.</translation>
    </message>
    <message>
        <source>Lệnh in này được tạo cho loại máy in khác ({kind}) nên máy in hiện tại không in được (cài đặt máy in đã thay đổi?). Hãy in lại biên nhận hoặc báo cán bộ CNTT.</source>
        <translation>This print job was made for another kind of printer ({kind}), so the current printer cannot print it (have the printer settings changed?). Print the receipt again or tell the IT officer.</translation>
    </message>
    <message>
        <source>Lệnh này chỉ dành cho quản trị viên: thêm --admin TÊN_ĐĂNG_NHẬP (mã PIN được hỏi sau, hoặc đọc từ đầu vào chuẩn).</source>
        <translation>This command is for admins only: add --admin USERNAME (the PIN is asked next, or read from standard input).</translation>
    </message>
    <message>
        <source>Lỗi cơ sở dữ liệu ({where}).</source>
        <translation>Database error ({where}).</translation>
    </message>
    <message>
        <source>Lỗi không mong đợi khi in (chi tiết trong tệp nhật ký); biên nhận vẫn được giữ và sẽ được thử in lại. Báo cán bộ CNTT.</source>
        <translation>An unexpected error happened while printing (the details are in the log file); the receipt has been kept and printing will be tried again. Please tell the IT officer.</translation>
    </message>
    <message>
        <source>Máy chủ cơ sở dữ liệu không cho tài khoản kết nối làm việc này ({where}). Các lượt vẫn được giữ trên máy này; cán bộ quản trị cần kiểm tra tài khoản của quầy (kiosk centre counters, kiosk centre setup).</source>
        <translation>The database server does not let the connected account do this ({where}). The visits are still kept on this PC; an administrator needs to check the counter&apos;s account (kiosk centre counters, kiosk centre setup).</translation>
    </message>
    <message>
        <source>Máy chủ không nhận {what} vì dữ liệu không hợp lệ ({problem}). Mục này vẫn được giữ trên máy này; cần cán bộ quản trị xem xét.</source>
        <translation>The central server did not accept {what} because its data is not valid ({problem}). It is kept on this computer; an administrator needs to look at it.</translation>
    </message>
    <message>
        <source>Máy chủ trung tâm chưa có lược đồ của Quầy Số: cần cán bộ quản trị tạo nó bằng lệnh &apos;kiosk centre upgrade&apos;. Các lượt vẫn được giữ trên máy này và sẽ được gửi sau đó.</source>
        <translation>The centre&apos;s server has no Quầy Số schema yet: an administrator needs to create it with &apos;kiosk centre upgrade&apos;. Visits are kept on this computer and will be sent afterwards.</translation>
    </message>
    <message>
        <source>Máy chủ trung tâm chưa được thiết lập phân quyền: hãy chạy &apos;kiosk centre setup&apos; trước.</source>
        <translation>The centre&apos;s server has no per-counter access set up yet: run &apos;kiosk centre setup&apos; first.</translation>
    </message>
    <message>
        <source>Máy chủ trung tâm đã ở phiên bản lược đồ {revision}, mới hơn quầy này ({head}): hãy cập nhật quầy này lên phiên bản Quầy Số mới. Các lượt vẫn được giữ trên máy này và sẽ được gửi sau khi cập nhật.</source>
        <translation>The centre&apos;s server is at schema version {revision}, newer than this counter ({head}): update this counter to the new version of Quầy Số. Visits are kept on this computer and will be sent after the update.</translation>
    </message>
    <message>
        <source>Máy chủ trung tâm ở phiên bản lược đồ {revision}, cũ hơn quầy này ({head}): cần cán bộ quản trị cập nhật máy chủ trung tâm bằng lệnh &apos;kiosk centre upgrade&apos;. Các lượt vẫn được giữ trên máy này và sẽ được gửi sau khi cập nhật.</source>
        <translation>The centre&apos;s server is at schema version {revision}, older than this counter ({head}): an administrator needs to update the centre&apos;s server with &apos;kiosk centre upgrade&apos;. Visits are kept on this computer and will be sent after the update.</translation>
    </message>
    <message>
        <source>Máy in &apos;{name}&apos; đang từ chối lệnh in. Báo cán bộ CNTT (cupsaccept {name}); biên nhận vẫn được giữ.</source>
        <translation>The printer &apos;{name}&apos; is refusing print jobs. Tell the IT officer (cupsaccept {name}); the receipt has been kept.</translation>
    </message>
    <message>
        <source>Máy in nhiệt ở {where} hết giấy. Hãy thay cuộn giấy mới rồi bấm In lại; biên nhận vẫn được giữ.</source>
        <translation>The receipt printer at {where} is out of paper. Put in a new paper roll, then press Print again; the receipt has been kept.</translation>
    </message>
    <message>
        <source>Máy in đang tắt hoặc hết giấy (hàng in &apos;{name}&apos; đang tạm dừng). Hãy bật máy in, kiểm tra giấy rồi bấm In lại; biên nhận vẫn được giữ.</source>
        <translation>The printer is off or out of paper (the print queue &apos;{name}&apos; is paused). Turn the printer on, check the paper, then press Print again; the receipt has been kept.</translation>
    </message>
    <message>
        <source>Máy tính chưa có máy in mặc định. Hãy đặt printing.printer hoặc báo cán bộ CNTT; biên nhận vẫn được giữ.</source>
        <translation>This computer has no default printer. Set printing.printer or tell the IT officer; the receipt has been kept.</translation>
    </message>
    <message>
        <source>Mã PIN không đúng. Còn {left} lần thử.</source>
        <translation>Wrong PIN. {left} tries left.</translation>
    </message>
    <message>
        <source>Mã PIN phải gồm 4 đến 8 chữ số.</source>
        <translation>The PIN must have 4 to 8 digits.</translation>
    </message>
    <message>
        <source>Mã PIN quá dễ đoán (các số giống nhau hoặc liên tiếp); hãy chọn mã khác.</source>
        <translation>This PIN is too easy to guess (repeated or consecutive digits); choose another one.</translation>
    </message>
    <message>
        <source>Mã bước hướng dẫn có ký tự không hợp lệ (ở vị trí {position}); báo cán bộ CNTT.</source>
        <translation>The guide step id has an invalid character (at position {position}); tell the IT staff.</translation>
    </message>
    <message>
        <source>Mã bước hướng dẫn dài quá {limit} ký tự (đang có {length}); báo cán bộ CNTT.</source>
        <translation>The guide step id is longer than {limit} characters ({length}); tell the IT staff.</translation>
    </message>
    <message>
        <source>Mã hồ sơ có ký tự điều khiển hoặc ký tự ẩn (ở vị trí {position}); hãy gõ lại mã.</source>
        <translation>The dossier code has a control or invisible character (at position {position}); type the code again.</translation>
    </message>
    <message>
        <source>Mã hồ sơ dài quá {limit} ký tự (viết hoa thành {length} ký tự).</source>
        <translation>The dossier code is longer than {limit} characters ({length} once in capitals).</translation>
    </message>
    <message>
        <source>Mất kết nối với máy in nhiệt ở {where} khi đang in; biên nhận có thể chưa in hết. Hãy kiểm tra máy in và giấy rồi bấm In lại; biên nhận vẫn được giữ.</source>
        <translation>Lost the connection to the receipt printer at {where} while printing; the receipt may not be complete. Check the printer and the paper, then press Print again; the receipt has been kept.</translation>
    </message>
    <message>
        <source>Mức hài lòng phải từ 1 đến 5.</source>
        <translation>The satisfaction rating must be from 1 to 5.</translation>
    </message>
    <message>
        <source>Ngày hẹn quay lại không được ở quá khứ.</source>
        <translation>The day to come back cannot be in the past.</translation>
    </message>
    <message>
        <source>Ngày kết thúc phải sau hoặc bằng ngày bắt đầu.</source>
        <translation>The end date must be on or after the start date.</translation>
    </message>
    <message>
        <source>Ngày {day} của quầy {counter} đã chốt sổ trên máy chủ lúc {closed_at}; lượt {visit} chưa được gửi lên. Cần cán bộ quản trị xem xét.</source>
        <translation>Counter {counter}&apos;s day {day} was closed on the server at {closed_at}; visit {visit} has not been sent. An administrator needs to look into it.</translation>
    </message>
    <message>
        <source>Ngày {day} của quầy {counter} đã được chốt sổ lúc {time}; không chốt lại lần nữa.</source>
        <translation>Counter {counter}&apos;s day {day} was already closed at {time}; it is not closed again.</translation>
    </message>
    <message>
        <source>Ngày {day} của quầy {counter} đã được chốt ở nơi khác lúc {closed_at}; bản chốt của quầy này (lúc {own_closed_at}) chưa được gửi lên.</source>
        <translation>Counter {counter}&apos;s day {day} was closed elsewhere at {closed_at}; this counter&apos;s closing (at {own_closed_at}) has not been sent.</translation>
    </message>
    <message>
        <source>Ngày {day} vừa được chốt sổ ở nơi khác.</source>
        <translation>The day {day} has just been closed elsewhere.</translation>
    </message>
    <message>
        <source>Ngày {day} đã chốt sổ; không thể thay đổi. Hãy ghi một bản điều chỉnh vào ngày làm việc hiện tại.</source>
        <translation>The day {day} is closed and cannot be changed. Record a correction on the current working day.</translation>
    </message>
    <message>
        <source>Nơi chuyển tiếp &apos;{code}&apos; không có trong danh mục.</source>
        <translation>The referral &apos;{code}&apos; is not in the catalogue.</translation>
    </message>
    <message>
        <source>Phiên bản thông báo đồng ý có ký tự không hợp lệ (ở vị trí {position}); báo cán bộ CNTT.</source>
        <translation>The consent notice version has an invalid character (at position {position}); tell the IT staff.</translation>
    </message>
    <message>
        <source>Phiên bản thông báo đồng ý dài quá {limit} ký tự (đang có {length}); báo cán bộ CNTT.</source>
        <translation>The consent notice version is longer than {limit} characters ({length}); tell the IT staff.</translation>
    </message>
    <message>
        <source>Phân quyền theo quầy chỉ dùng cho cơ sở dữ liệu PostgreSQL của trung tâm.</source>
        <translation>Per-counter access applies only to the centre&apos;s PostgreSQL database.</translation>
    </message>
    <message>
        <source>Số biên nhận {receipt} đã có trên máy chủ cho một lượt khác: có thể hai máy đang dùng chung mã quầy {counter}.</source>
        <translation>Receipt number {receipt} is already on the server for another visit: two computers may be using the same counter code {counter}.</translation>
    </message>
    <message>
        <source>Số biên nhận {shown} không đúng dạng: mã quầy, ngày và số thứ tự, ví dụ Q01-20261123-0007.</source>
        <translation>Receipt number {shown} is not in the right form: counter code, date and sequence number, for example Q01-20261123-0007.</translation>
    </message>
    <message>
        <source>Số thứ tự bước phải từ 1.</source>
        <translation>The step number must be 1 or more.</translation>
    </message>
    <message>
        <source>Số điện thoại có ký tự điều khiển hoặc ký tự ẩn (ở vị trí {position}); hãy gõ lại.</source>
        <translation>The phone number has a control or invisible character (at position {position}); type it again.</translation>
    </message>
    <message>
        <source>Số điện thoại dài quá {limit} ký tự (đang có {length}).</source>
        <translation>The phone number is longer than {limit} characters ({length}).</translation>
    </message>
    <message>
        <source>Số định danh cá nhân phải gồm đúng 12 chữ số.</source>
        <translation>The personal ID number must have exactly 12 digits.</translation>
    </message>
    <message>
        <source>Tài khoản kết nối máy chủ trung tâm là của quầy {owner}, còn máy này là quầy {code}: máy chủ chỉ cho mỗi quầy ghi dữ liệu của chính mình. Hãy đặt đúng counter.code hoặc database.central_url của quầy {code}. Các lượt vẫn được giữ trên máy này.</source>
        <translation>The account this PC connects to the centre with belongs to counter {owner}, but this PC is counter {code}: the server lets each counter write only its own data. Set the right counter.code, or counter {code}&apos;s database.central_url. The visits are still kept on this PC.</translation>
    </message>
    <message>
        <source>Tài khoản người hỗ trợ này đã ngừng hoạt động.</source>
        <translation>This helper account has been deactivated.</translation>
    </message>
    <message>
        <source>Tài khoản tạm khóa do nhập sai PIN nhiều lần; thử lại sau {time}.</source>
        <translation>The account is locked after too many wrong PINs; try again after {time}.</translation>
    </message>
    <message>
        <source>Tài khoản {url} không phải tài khoản quản trị của cơ sở dữ liệu trung tâm (chủ sở hữu các bảng, có quyền tạo vai trò), hoặc máy chủ chưa có lược đồ Quầy Số: hãy dùng địa chỉ kết nối của tài khoản quản trị.</source>
        <translation>The account {url} is not the administrator of the centre&apos;s database (the owner of its tables, allowed to create roles), or the server has no Quầy Số schema yet: use the administrator&apos;s connection URL.</translation>
    </message>
    <message>
        <source>Tên thủ tục có ký tự điều khiển hoặc ký tự ẩn (ở vị trí {position}); hãy gõ lại.</source>
        <translation>The procedure name has a control or invisible character (at position {position}); type it again.</translation>
    </message>
    <message>
        <source>Tên thủ tục dài quá {limit} ký tự (đang có {length}).</source>
        <translation>The procedure name is longer than {limit} characters ({length}).</translation>
    </message>
    <message>
        <source>Tên vai trò &apos;{role}&apos; không hợp lệ: chỉ dùng chữ thường không dấu, chữ số và dấu gạch dưới, tối đa 63 ký tự.</source>
        <translation>The role name &apos;{role}&apos; is not valid: use only lower-case unaccented letters, digits and underscores, 63 characters at most.</translation>
    </message>
    <message>
        <source>Tên đăng nhập &apos;{username}&apos; đã tồn tại.</source>
        <translation>The user name &apos;{username}&apos; already exists.</translation>
    </message>
    <message>
        <source>Tên đăng nhập gồm 2–40 ký tự: chữ thường không dấu, số, . _ -</source>
        <translation>A user name has 2–40 characters: lower-case letters without accents, digits, . _ -</translation>
    </message>
    <message>
        <source>Tệp cơ sở dữ liệu bị hỏng hoặc không phải của Quầy Số ({where}). Hãy khôi phục từ bản sao lưu hoặc báo cán bộ CNTT.</source>
        <translation>The database file is damaged or does not belong to Quầy Số ({where}). Restore it from a backup or tell the IT officer.</translation>
    </message>
    <message>
        <source>Tệp khóa {key_file} không khớp với cơ sở dữ liệu này, nên không đọc được họ tên đã mã hóa. Hãy chép đúng tệp khóa của trung tâm vào máy này.</source>
        <translation>The key file {key_file} does not match this database, so the encrypted names cannot be read. Copy the centre&apos;s own key file to this computer.</translation>
    </message>
    <message>
        <source>Tệp khóa {path} bị hỏng (độ dài sai).</source>
        <translation>The key file {path} is damaged (wrong length).</translation>
    </message>
    <message>
        <source>Tệp khóa {path} bị hỏng hoặc không đọc được.</source>
        <translation>The key file {path} is damaged or cannot be read.</translation>
    </message>
    <message>
        <source>Vai trò &apos;{role}&apos; đã có và có nhiều quyền hơn một quầy (quản trị, tạo vai trò hoặc sở hữu bảng): hãy chọn tên vai trò khác bằng --role.</source>
        <translation>The role &apos;{role}&apos; already exists and can do more than a counter (administer, create roles or own tables): choose another role name with --role.</translation>
    </message>
    <message>
        <source>Vai trò phải là helper hoặc admin.</source>
        <translation>The role must be helper or admin.</translation>
    </message>
    <message>
        <source>bản chốt sổ ngày {day}</source>
        <translation>the closure of {day}</translation>
    </message>
    <message>
        <source>ghi chú bước đã cũ</source>
        <translation>out-of-date step note</translation>
    </message>
    <message>
        <source>giới tính</source>
        <translation>gender</translation>
    </message>
    <message>
        <source>họ tên người hỗ trợ</source>
        <translation>helper&apos;s full name</translation>
    </message>
    <message>
        <source>không có quyền ghi vào đó, hoặc tệp đang mở trong chương trình khác (Excel)</source>
        <translation>there is no permission to write there, or the file is open in another program (Excel)</translation>
    </message>
    <message>
        <source>kết quả dịch vụ</source>
        <translation>service outcome</translation>
    </message>
    <message>
        <source>loại người hỗ trợ</source>
        <translation>helper kind</translation>
    </message>
    <message>
        <source>lý do điều chỉnh</source>
        <translation>correction reason</translation>
    </message>
    <message>
        <source>lượt {label}</source>
        <translation>visit {label}</translation>
    </message>
    <message>
        <source>lỗi hệ điều hành khi ghi tệp</source>
        <translation>the operating system failed to write the file</translation>
    </message>
    <message>
        <source>máy chủ báo: {detail}</source>
        <translation>the server says: {detail}</translation>
    </message>
    <message>
        <source>mã băm PIN</source>
        <translation>PIN hash</translation>
    </message>
    <message>
        <source>mã băm số định danh</source>
        <translation>ID number hash</translation>
    </message>
    <message>
        <source>mã bước hướng dẫn</source>
        <translation>guide step id</translation>
    </message>
    <message>
        <source>mã dịch vụ</source>
        <translation>service code</translation>
    </message>
    <message>
        <source>mã dịch vụ của bước khó</source>
        <translation>service code of the difficult step</translation>
    </message>
    <message>
        <source>mã dịch vụ của bước đã cũ</source>
        <translation>service code of the out-of-date step</translation>
    </message>
    <message>
        <source>mã hồ sơ</source>
        <translation>dossier code</translation>
    </message>
    <message>
        <source>mã khó khăn</source>
        <translation>barrier code</translation>
    </message>
    <message>
        <source>mã lý do</source>
        <translation>reason code</translation>
    </message>
    <message>
        <source>mã quầy</source>
        <translation>counter code</translation>
    </message>
    <message>
        <source>một mục</source>
        <translation>an item</translation>
    </message>
    <message>
        <source>một phần của đường dẫn không phải thư mục</source>
        <translation>part of the path is not a folder</translation>
    </message>
    <message>
        <source>ngày &apos;{text}&apos; không hợp lệ; dùng dạng YYYY-MM-DD hoặc dd/mm/yyyy</source>
        <translation>the date &apos;{text}&apos; is not valid; use the form YYYY-MM-DD or dd/mm/yyyy</translation>
    </message>
    <message>
        <source>nơi chuyển tiếp</source>
        <translation>referral</translation>
    </message>
    <message>
        <source>phiên bản gói hướng dẫn</source>
        <translation>guide pack version</translation>
    </message>
    <message>
        <source>phiên bản thông báo đồng ý</source>
        <translation>consent notice version</translation>
    </message>
    <message>
        <source>số biên nhận</source>
        <translation>receipt number</translation>
    </message>
    <message>
        <source>số định danh che bớt</source>
        <translation>masked ID number</translation>
    </message>
    <message>
        <source>tháng kiểm tra hướng dẫn</source>
        <translation>guide checked month</translation>
    </message>
    <message>
        <source>thư mục không tồn tại</source>
        <translation>the folder does not exist</translation>
    </message>
    <message>
        <source>trạng thái lượt</source>
        <translation>visit status</translation>
    </message>
    <message>
        <source>tên quầy</source>
        <translation>counter name</translation>
    </message>
    <message>
        <source>tên thủ tục</source>
        <translation>procedure name</translation>
    </message>
    <message>
        <source>tên tệp quá dài</source>
        <translation>the file name is too long</translation>
    </message>
    <message>
        <source>tên đăng nhập người hỗ trợ</source>
        <translation>helper&apos;s username</translation>
    </message>
    <message>
        <source>vai trò người hỗ trợ</source>
        <translation>helper role</translation>
    </message>
    <message>
        <source>{label} có ký tự điều khiển U+{code} ở vị trí {position}</source>
        <translation>{label} holds the control character U+{code} at position {position}</translation>
    </message>
    <message>
        <source>{label} dài {length} ký tự, máy chủ chỉ nhận {limit}</source>
        <translation>{label} is {length} characters long; the server takes at most {limit}</translation>
    </message>
    <message>
        <source>{path} là một thư mục; hãy ghi cả tên tệp, ví dụ {example}.</source>
        <translation>{path} is a folder; give a file name too, for example {example}.</translation>
    </message>
    <message>
        <source>Điều chỉnh phải có ít nhất một kết quả dịch vụ.</source>
        <translation>A correction needs at least one service outcome.</translation>
    </message>
    <message>
        <source>Đã xảy ra lỗi ngoài dự kiến; việc vừa làm chưa xong. Hãy thử lại hoặc báo cán bộ CNTT.</source>
        <translation>Something unexpected went wrong; what you just did is not finished. Please try again or tell the IT officer.</translation>
    </message>
    <message>
        <source>Địa chỉ --url {reason}.</source>
        <translation>The --url address {reason}.</translation>
    </message>
    <message>
        <source>Định dạng xuất &apos;{fmt}&apos; không hỗ trợ; chọn csv hoặc xlsx.</source>
        <translation>The export format &apos;{fmt}&apos; is not supported; choose csv or xlsx.</translation>
    </message>
    <message>
        <source>đánh dấu bước đã cũ {label}</source>
        <translation>the out-of-date mark {label}</translation>
    </message>
    <message>
        <source>đường dẫn là một thư mục</source>
        <translation>the path is a folder</translation>
    </message>
    <message>
        <source>Ảnh biên nhận trong hàng in bị hỏng nên không in được. Báo cán bộ CNTT.</source>
        <translation>The receipt image in the print queue is damaged, so it cannot be printed. Please tell the IT officer.</translation>
    </message>
    <message>
        <source>Ổ đĩa chứa cơ sở dữ liệu đã đầy ({where}). Hãy giải phóng dung lượng rồi thử lại; các giao dịch đã lưu trước đó vẫn còn nguyên.</source>
        <translation>The disk holding the database is full ({where}). Free some space and try again; the transactions saved before are intact.</translation>
    </message>
    <message>
        <source>Ổ đĩa chứa {folder} đã đầy nên chưa xuất được dữ liệu; không có tệp dở dang nào được để lại. Hãy giải phóng dung lượng hoặc chọn ổ đĩa khác rồi thử lại.</source>
        <translation>The drive holding {folder} is full, so nothing was exported; no half-written file was left. Free some space or choose another drive, then try again.</translation>
    </message>
    <message>
        <source>ổ đĩa chỉ cho phép đọc</source>
        <translation>the drive is read-only</translation>
    </message>
</context>
<context>
    <name>GuideMarkPage</name>
    <message>
        <source>Báo bước này đã cũ</source>
        <translation>Report this step as out of date</translation>
    </message>
    <message>
        <source>Ghi chú cho người biên soạn hướng dẫn</source>
        <translation>A note for whoever maintains the guides</translation>
    </message>
    <message>
        <source>Ghi ngắn điều gì trong bước không còn đúng (ví dụ: nút đã đổi tên). Chỉ ghi về bước hướng dẫn, không ghi tên hay số giấy tờ của người dân.</source>
        <translation>Write briefly what in this step is no longer right (for example: a button was renamed). Write only about the guide step, never a citizen&apos;s name or ID number.</translation>
    </message>
    <message>
        <source>Gửi</source>
        <translation>Send</translation>
    </message>
    <message>
        <source>Hủy</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>GuideScreen</name>
    <message>
        <source>Bước này đã cũ</source>
        <translation>This step is out of date</translation>
    </message>
    <message>
        <source>Bước {n}/{total}</source>
        <translation>Step {n} of {total}</translation>
    </message>
    <message>
        <source>Bắt đầu</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>Chuẩn bị</source>
        <translation>Before you start</translation>
    </message>
    <message>
        <source>Cần chuẩn bị</source>
        <translation>You will need</translation>
    </message>
    <message>
        <source>Gợi ý cho tình nguyện viên</source>
        <translation>Tips for the volunteer</translation>
    </message>
    <message>
        <source>Gợi ý cho tình nguyện viên (người dân không cần đọc)</source>
        <translation>Tips for the volunteer (you do not need to read these)</translation>
    </message>
    <message>
        <source>Kiểm tra lần cuối {month}</source>
        <translation>Last checked {month}</translation>
    </message>
    <message>
        <source>Kiểm tra lần cuối {month} · bước này: {step_month} ({source})</source>
        <translation>Last checked {month} · this step: {step_month} ({source})</translation>
    </message>
    <message>
        <source>Mở hướng dẫn: {title}</source>
        <translation>Open the guide: {title}</translation>
    </message>
    <message>
        <source>Quay lại</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>Tiếp theo</source>
        <translation>Next</translation>
    </message>
    <message>
        <source>Tôi gặp khó ở bước này</source>
        <translation>I am stuck at this step</translation>
    </message>
    <message>
        <source>Về hướng dẫn trước</source>
        <translation>Back to the previous guide</translation>
    </message>
    <message>
        <source>Xong</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>Đã báo tình nguyện viên. {You} chờ một chút, sẽ có người giúp {you} bước này.</source>
        <translation>A volunteer has been told. Please wait a moment: someone will help you with this step.</translation>
    </message>
    <message>
        <source>Đã ghi nhận: người biên soạn hướng dẫn sẽ xem lại bước này.</source>
        <translation>Noted: whoever maintains the guides will review this step.</translation>
    </message>
</context>
<context>
    <name>HelperHomeScreen</name>
    <message>
        <source>Bảng số liệu</source>
        <translation>Dashboard</translation>
    </message>
    <message>
        <source>Chạm vào một lượt để tiếp tục, sửa kết quả hoặc in lại.</source>
        <translation>Touch a visit to continue it, correct its result or print its receipt again.</translation>
    </message>
    <message>
        <source>Chốt sổ</source>
        <translation>Close the day</translation>
    </message>
    <message>
        <source>Chốt sổ cuối ngày</source>
        <translation>Close the day</translation>
    </message>
    <message>
        <source>Chốt sổ ngày {day}</source>
        <translation>Close the day: {day}</translation>
    </message>
    <message>
        <source>Hôm nay quầy chưa có lượt hỗ trợ nào.</source>
        <translation>The counter has had no visits yet today.</translation>
    </message>
    <message>
        <source>Hôm nay {day} · {n} lượt hỗ trợ</source>
        <translation>Today, {day} · {n} visits</translation>
    </message>
    <message>
        <source>In lại biên nhận</source>
        <translation>Print the receipt again</translation>
    </message>
    <message>
        <source>Quay lại</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>Quay lại lượt đang làm</source>
        <translation>Back to the current visit</translation>
    </message>
    <message>
        <source>Quản lý tình nguyện viên</source>
        <translation>Manage volunteers</translation>
    </message>
    <message>
        <source>Sau khi chốt sổ, các lượt hỗ trợ của ngày này không sửa được nữa; muốn sửa thì ghi điều chỉnh vào ngày làm việc sau. Lượt còn dở dang sẽ được ghi là bỏ dở. Báo cáo Z (PDF) và danh sách lượt hỗ trợ (CSV, XLSX, đã che thông tin cá nhân) được ghi vào thư mục:
{folder}</source>
        <translation>Once the day is closed, its visits can no longer be changed; to correct one, record an adjustment on the next working day. Visits still in progress will be recorded as abandoned. The Z report (PDF) and the list of visits (CSV, XLSX, with personal information hidden) are saved in the folder:
{folder}</translation>
    </message>
    <message>
        <source>Sửa kết quả</source>
        <translation>Correct the result</translation>
    </message>
    <message>
        <source>Tiếp tục lượt này</source>
        <translation>Continue this visit</translation>
    </message>
    <message>
        <source>Về màn hình chính</source>
        <translation>Back to the start</translation>
    </message>
    <message>
        <source>Xem thêm {n} lượt cũ hơn</source>
        <translation>Show {n} earlier visits</translation>
    </message>
    <message>
        <source>không lưu danh tính</source>
        <translation>identity not kept</translation>
    </message>
    <message>
        <source>Đang tải danh sách lượt hỗ trợ…</source>
        <translation>Loading today&apos;s visits…</translation>
    </message>
    <message>
        <source>Đăng xuất</source>
        <translation>Sign out</translation>
    </message>
</context>
<context>
    <name>HelperLoginScreen</name>
    <message>
        <source>Chưa có tài khoản nào. Cán bộ CNTT tạo tài khoản quản trị đầu tiên bằng lệnh: kiosk helper add &lt;tên đăng nhập&gt; --name &quot;Họ tên&quot; --role admin</source>
        <translation>There are no accounts yet. The IT officer creates the first administrator account with the command: kiosk helper add &lt;username&gt; --name &quot;Full name&quot; --role admin</translation>
    </message>
    <message>
        <source>Chạm vào tên của bạn, rồi nhập mã PIN (4–8 chữ số) bên phải.</source>
        <translation>Touch your name, then enter your PIN (4–8 digits) on the right.</translation>
    </message>
    <message>
        <source>Chỉ quản trị viên được thoát. Quản trị viên chạm vào tên mình rồi nhập mã PIN.</source>
        <translation>Only an administrator may exit. Administrator: touch your name, then enter your PIN.</translation>
    </message>
    <message>
        <source>Cần quản trị viên xác nhận</source>
        <translation>An administrator must confirm</translation>
    </message>
    <message>
        <source>Mã PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <source>Quay lại</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>Quản trị viên chạm vào tên mình rồi nhập mã PIN (4–8 chữ số).</source>
        <translation>Administrator: touch your name, then enter your PIN (4–8 digits).</translation>
    </message>
    <message>
        <source>Thoát chế độ kiosk</source>
        <translation>Exit kiosk mode</translation>
    </message>
    <message>
        <source>Tình nguyện viên đăng nhập</source>
        <translation>Volunteer sign-in</translation>
    </message>
    <message>
        <source>Xác nhận</source>
        <translation>Confirm</translation>
    </message>
    <message>
        <source>Đang kiểm tra mã PIN…</source>
        <translation>Checking the PIN…</translation>
    </message>
    <message>
        <source>Đang tải danh sách tài khoản…</source>
        <translation>Loading the accounts…</translation>
    </message>
    <message>
        <source>Đăng nhập</source>
        <translation>Sign in</translation>
    </message>
</context>
<context>
    <name>HelperMode</name>
    <message>
        <source>Chỉ quản trị viên được chốt sổ.</source>
        <translation>Only an administrator may close the day.</translation>
    </message>
    <message>
        <source>Chỉ quản trị viên được quản lý tài khoản.</source>
        <translation>Only an administrator may manage accounts.</translation>
    </message>
    <message>
        <source>Máy đang có một lượt hỗ trợ chưa xong. Hãy làm xong lượt đó (hoặc về màn hình chính) rồi mới chốt sổ.</source>
        <translation>A visit on this kiosk is not finished yet. Finish that visit (or go back to the start) before you close the day.</translation>
    </message>
    <message>
        <source>Tài khoản tạm khóa vì nhập sai mã PIN nhiều lần; thử lại sau {time}, hoặc nhờ quản trị viên mở khóa.</source>
        <translation>The account is locked after too many wrong PINs; try again after {time}, or ask an admin to unlock it.</translation>
    </message>
    <message>
        <source>Đang chốt sổ…</source>
        <translation>Closing the day…</translation>
    </message>
    <message>
        <source>Đã cho {username} hoạt động lại.</source>
        <translation>{username} has been reactivated.</translation>
    </message>
    <message>
        <source>Đã chốt sổ ngày {day}: {n} lượt hỗ trợ, {left} lượt bỏ dở.</source>
        <translation>The day {day} has been closed: {n} visits, {left} abandoned.</translation>
    </message>
    <message>
        <source>Đã ghi vào thư mục {folder}:</source>
        <translation>Saved in the folder {folder}:</translation>
    </message>
    <message>
        <source>Đã ghi điều chỉnh cho biên nhận {original}: biên nhận mới {receipt}.</source>
        <translation>A correction has been recorded for receipt {original}: the new receipt is {receipt}.</translation>
    </message>
    <message>
        <source>Đã gửi biên nhận {receipt} tới máy in.</source>
        <translation>Receipt {receipt} has been sent to the printer.</translation>
    </message>
    <message>
        <source>Đã ngừng tài khoản {username}.</source>
        <translation>The account {username} has been deactivated.</translation>
    </message>
    <message>
        <source>Đã thêm {name} (tên đăng nhập {username}).</source>
        <translation>{name} has been added (username {username}).</translation>
    </message>
    <message>
        <source>Đã đặt lại mã PIN cho {username}; tài khoản đã được mở khóa.</source>
        <translation>The PIN for {username} has been reset; the account has been unlocked.</translation>
    </message>
</context>
<context>
    <name>HelpersAdminScreen</name>
    <message>
        <source>Cho hoạt động lại</source>
        <translation>Reactivate</translation>
    </message>
    <message>
        <source>Chữ thường không dấu, số, dấu chấm, gạch dưới hoặc gạch ngang.</source>
        <translation>Lower-case letters without accents, digits, full stops, underscores or hyphens.</translation>
    </message>
    <message>
        <source>Cán bộ</source>
        <translation>Staff member</translation>
    </message>
    <message>
        <source>Hai lần nhập mã PIN không khớp. Hãy nhập lại.</source>
        <translation>The two PINs do not match. Please enter them again.</translation>
    </message>
    <message>
        <source>Họ và tên</source>
        <translation>Full name</translation>
    </message>
    <message>
        <source>Họ và tên (chạm để gõ)</source>
        <translation>Full name (touch to type it)</translation>
    </message>
    <message>
        <source>Hỗ trợ người dân</source>
        <translation>Helps citizens</translation>
    </message>
    <message>
        <source>Hủy</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Là</source>
        <translation>This person is a</translation>
    </message>
    <message>
        <source>Lưu</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>Mã PIN (4–8 chữ số)</source>
        <translation>PIN (4–8 digits)</translation>
    </message>
    <message>
        <source>Mã PIN mới cho {name}</source>
        <translation>New PIN for {name}</translation>
    </message>
    <message>
        <source>Ngừng hoạt động</source>
        <translation>Deactivate</translation>
    </message>
    <message>
        <source>Nhập lại mã PIN</source>
        <translation>Enter the PIN again</translation>
    </message>
    <message>
        <source>Quay lại</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>Quyền (quản trị viên quản lý tài khoản, chốt sổ)</source>
        <translation>Permissions (administrators manage accounts and close the day)</translation>
    </message>
    <message>
        <source>Quản trị viên</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <source>Thêm người</source>
        <translation>Add a person</translation>
    </message>
    <message>
        <source>Thêm tình nguyện viên hoặc cán bộ</source>
        <translation>Add a volunteer or staff member</translation>
    </message>
    <message>
        <source>Tiếp: đặt mã PIN</source>
        <translation>Next: set the PIN</translation>
    </message>
    <message>
        <source>Tài khoản tình nguyện viên và cán bộ</source>
        <translation>Volunteer and staff accounts</translation>
    </message>
    <message>
        <source>Tên đăng nhập</source>
        <translation>Username</translation>
    </message>
    <message>
        <source>Tên đăng nhập (chạm để sửa)</source>
        <translation>Username (touch to change it)</translation>
    </message>
    <message>
        <source>Tình nguyện viên</source>
        <translation>Volunteer</translation>
    </message>
    <message>
        <source>quản trị viên</source>
        <translation>administrator</translation>
    </message>
    <message>
        <source>Đang lưu…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <source>Đang tải danh sách tài khoản…</source>
        <translation>Loading the accounts…</translation>
    </message>
    <message>
        <source>Đặt lại PIN</source>
        <translation>Reset PIN</translation>
    </message>
    <message>
        <source>đang khóa đến {time}</source>
        <translation>locked until {time}</translation>
    </message>
    <message>
        <source>đã ngừng hoạt động</source>
        <translation>deactivated</translation>
    </message>
</context>
<context>
    <name>IdleOverlay</name>
    <message>
        <source>Tôi vẫn đang dùng</source>
        <translation>Yes, I am still here</translation>
    </message>
    <message>
        <source>{You} còn đang dùng máy không?</source>
        <translation>Are you still using the kiosk?</translation>
    </message>
    <message>
        <source>Để bảo vệ thông tin cá nhân, màn hình sẽ tự xóa và quay về đầu sau {n} giây.</source>
        <translation>To protect your personal information, the screen will clear itself and go back to the start in {n} seconds.</translation>
    </message>
</context>
<context>
    <name>KioskGui</name>
    <message>
        <source>Chức năng đọc to đang tắt trong cài đặt.</source>
        <translation>Reading aloud is turned off in the settings.</translation>
    </message>
    <message>
        <source>Máy vừa đọc một thẻ căn cước, nhưng lúc này không cần quét thẻ. Lượt đang làm vẫn tiếp tục như cũ; muốn giúp người khác, hãy làm xong lượt này rồi quét thẻ của họ.</source>
        <translation>An ID card was just read, but no card is needed now. The visit in progress goes on as before; to help someone else, finish this visit first, then scan their card.</translation>
    </message>
</context>
<context>
    <name>KioskShell</name>
    <message>
        <source>Quầy Số</source>
        <translation>Quầy Số</translation>
    </message>
</context>
<context>
    <name>ManualEntryForm</name>
    <message>
        <source>Giới tính</source>
        <translation>Sex</translation>
    </message>
    <message>
        <source>Họ và tên</source>
        <translation>Full name</translation>
    </message>
    <message>
        <source>Hủy</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Nam</source>
        <translation>Male</translation>
    </message>
    <message>
        <source>Ngày sinh (ngày/tháng/năm)</source>
        <translation>Date of birth (day/month/year)</translation>
    </message>
    <message>
        <source>Như trên thẻ căn cước</source>
        <translation>As on the ID card</translation>
    </message>
    <message>
        <source>Nhập thông tin trên thẻ căn cước</source>
        <translation>Enter the details on the ID card</translation>
    </message>
    <message>
        <source>Nữ</source>
        <translation>Female</translation>
    </message>
    <message>
        <source>Số định danh cá nhân (12 số)</source>
        <translation>Personal ID number (12 digits)</translation>
    </message>
    <message>
        <source>Xác nhận</source>
        <translation>Confirm</translation>
    </message>
</context>
<context>
    <name>ManualEntryScreen</name>
    <message>
        <source>Gõ xong chạm Xong.</source>
        <translation>When you have finished, touch Done.</translation>
    </message>
    <message>
        <source>Họ và tên (như trên thẻ căn cước)</source>
        <translation>Full name (as on the ID card)</translation>
    </message>
    <message>
        <source>Nhập số định danh cá nhân, họ và tên, ngày sinh và giới tính như trên thẻ, rồi chạm Xác nhận.</source>
        <translation>Enter the personal ID number, full name, date of birth and sex as they are on the card, then touch Confirm.</translation>
    </message>
</context>
<context>
    <name>MarksSection</name>
    <message>
        <source>Bước hướng dẫn được báo đã cũ</source>
        <translation>Guide steps reported out of date</translation>
    </message>
    <message>
        <source>Chưa có bước nào bị báo.</source>
        <translation>No step reported yet.</translation>
    </message>
    <message>
        <source>{day} · {service}, bước {n}: {note}</source>
        <translation>{day} · {service}, step {n}: {note}</translation>
    </message>
</context>
<context>
    <name>NumericKeypad</name>
    <message>
        <source>Xóa một chữ số</source>
        <translation>Delete one digit</translation>
    </message>
    <message>
        <source>⌫ Xóa</source>
        <translation>⌫ Delete</translation>
    </message>
</context>
<context>
    <name>OutcomeScreen</name>
    <message>
        <source>Kết quả việc này thế nào? (tình nguyện viên chọn)</source>
        <translation>How did this task end? (the volunteer chooses)</translation>
    </message>
    <message>
        <source>Lưu kết quả</source>
        <translation>Save the result</translation>
    </message>
    <message>
        <source>Mã hồ sơ (nếu đã nộp; chạm để nhập)</source>
        <translation>Application code (if filed; touch to type it)</translation>
    </message>
    <message>
        <source>Mã hồ sơ trên Cổng Dịch vụ công</source>
        <translation>Application code on the National Public Service Portal</translation>
    </message>
    <message>
        <source>Quay lại</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>Vì sao chưa xong?</source>
        <translation>Why is it not finished?</translation>
    </message>
</context>
<context>
    <name>RatingScreen</name>
    <message>
        <source>Bình thường</source>
        <translation>Neutral</translation>
    </message>
    <message>
        <source>Bỏ qua</source>
        <translation>Skip</translation>
    </message>
    <message>
        <source>Hài lòng</source>
        <translation>Satisfied</translation>
    </message>
    <message>
        <source>Không hài lòng</source>
        <translation>Dissatisfied</translation>
    </message>
    <message>
        <source>Rất hài lòng</source>
        <translation>Very satisfied</translation>
    </message>
    <message>
        <source>Rất không hài lòng</source>
        <translation>Very dissatisfied</translation>
    </message>
    <message>
        <source>{You} có hài lòng với sự hỗ trợ hôm nay không?</source>
        <translation>Are you satisfied with the help you had today?</translation>
    </message>
</context>
<context>
    <name>ScanScreen</name>
    <message>
        <source>1. Cầm thẻ, mặt có mã QR hướng vào camera.
2. Đưa mã QR vào giữa khung vàng, giữ yên.
3. Khung chuyển xanh là đã đọc xong.</source>
        <translation>1. Hold the card with the QR code facing the camera.
2. Bring the QR code into the middle of the yellow frame and hold it still.
3. When the frame turns green, the card has been read.</translation>
    </message>
    <message>
        <source>Hỗ trợ không cần thẻ</source>
        <translation>Help without a card</translation>
    </message>
    <message>
        <source>Nhập tay thông tin thẻ</source>
        <translation>Type in the card details</translation>
    </message>
    <message>
        <source>Quay lại</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>Quét mã QR trên thẻ căn cước</source>
        <translation>Scan the QR code on your ID card</translation>
    </message>
    <message>
        <source>Đọc chip trên thẻ</source>
        <translation>Read the card&apos;s chip</translation>
    </message>
</context>
<context>
    <name>ServicesScreen</name>
    <message>
        <source>%1 (đã xong)</source>
        <translation>%1 (done)</translation>
    </message>
    <message>
        <source>Chạm để chọn một hoặc nhiều việc, rồi chạm Tiếp tục.</source>
        <translation>Touch one or more tasks to choose them, then touch Continue.</translation>
    </message>
    <message>
        <source>Hôm nay {you} cần hỗ trợ việc gì?</source>
        <translation>What do you need help with today?</translation>
    </message>
    <message>
        <source>Quay lại</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>Tiếp tục</source>
        <translation>Continue</translation>
    </message>
</context>
<context>
    <name>StartupErrorWindow</name>
    <message>
        <source>Quầy Số</source>
        <translation>Quầy Số</translation>
    </message>
</context>
<context>
    <name>TopBar</name>
    <message>
        <source>Cần cập nhật máy chủ trung tâm</source>
        <translation>Update the centre&apos;s server</translation>
    </message>
    <message>
        <source>Cần cập nhật máy chủ trung tâm · {n} chờ gửi</source>
        <translation>Update the centre&apos;s server · {n} waiting</translation>
    </message>
    <message>
        <source>Cần cập nhật quầy này</source>
        <translation>Update this counter</translation>
    </message>
    <message>
        <source>Cần cập nhật quầy này · {n} chờ gửi</source>
        <translation>Update this counter · {n} waiting</translation>
    </message>
    <message>
        <source>Cỡ chữ</source>
        <translation>Text size</translation>
    </message>
    <message>
        <source>English</source>
        <translation>Tiếng Việt</translation>
    </message>
    <message>
        <source>Máy chủ báo lỗi</source>
        <translation>Server error</translation>
    </message>
    <message>
        <source>Máy chủ báo lỗi · {n} chờ gửi</source>
        <translation>Server error · {n} waiting to send</translation>
    </message>
    <message>
        <source>Máy in: {cause}</source>
        <translation>Printer: {cause}</translation>
    </message>
    <message>
        <source>Mời tình nguyện viên!</source>
        <translation>Volunteer, please!</translation>
    </message>
    <message>
        <source>Ngoại tuyến</source>
        <translation>Offline</translation>
    </message>
    <message>
        <source>Ngoại tuyến · {n} chờ gửi</source>
        <translation>Offline · {n} waiting to send</translation>
    </message>
    <message>
        <source>Sai khóa bảo mật</source>
        <translation>Wrong security key</translation>
    </message>
    <message>
        <source>Sai khóa bảo mật · {n} chờ gửi</source>
        <translation>Wrong security key · {n} waiting to send</translation>
    </message>
    <message>
        <source>TNV: {name}</source>
        <translation>Volunteer: {name}</translation>
    </message>
    <message>
        <source>Tình nguyện viên</source>
        <translation>Volunteer</translation>
    </message>
    <message>
        <source>Tương phản</source>
        <translation>Contrast</translation>
    </message>
    <message>
        <source>{n} mục chờ cán bộ xử lý</source>
        <translation>{n} items need staff attention</translation>
    </message>
    <message>
        <source>Đọc to</source>
        <translation>Read aloud</translation>
    </message>
    <message>
        <source>Đọc to nội dung màn hình</source>
        <translation>Read the screen aloud</translation>
    </message>
</context>
<context>
    <name>VietnameseKeyboard</name>
    <message>
        <source>Dấu chấm</source>
        <translation>Full stop</translation>
    </message>
    <message>
        <source>Dấu cách</source>
        <translation>Space</translation>
    </message>
    <message>
        <source>Dấu nháy</source>
        <translation>Apostrophe</translation>
    </message>
    <message>
        <source>Dấu phẩy</source>
        <translation>Comma</translation>
    </message>
    <message>
        <source>Gõ dấu kiểu Telex: aa → â, aw → ă, ee → ê, oo → ô, ow → ơ, uw hoặc w → ư, dd → đ; s sắc, f huyền, r hỏi, x ngã, j nặng, z xóa dấu.</source>
        <translation>Type Vietnamese letters the Telex way: aa → â, aw → ă, ee → ê, oo → ô, ow → ơ, uw or w → ư, dd → đ; s acute (sắc), f grave (huyền), r hook (hỏi), x tilde (ngã), j dot below (nặng), z removes the tone mark.</translation>
    </message>
    <message>
        <source>Gõ dấu kiểu VNI: a6 → â, e6 → ê, o6 → ô, o7 → ơ, u7 → ư, a8 → ă, d9 → đ; 1 sắc, 2 huyền, 3 hỏi, 4 ngã, 5 nặng, 0 xóa dấu.</source>
        <translation>Type Vietnamese letters the VNI way: a6 → â, e6 → ê, o6 → ô, o7 → ơ, u7 → ư, a8 → ă, d9 → đ; 1 acute (sắc), 2 grave (huyền), 3 hook (hỏi), 4 tilde (ngã), 5 dot below (nặng), 0 removes the tone mark.</translation>
    </message>
    <message>
        <source>Gạch chéo</source>
        <translation>Slash</translation>
    </message>
    <message>
        <source>Gạch ngang</source>
        <translation>Hyphen</translation>
    </message>
    <message>
        <source>Kiểu gõ: {method}</source>
        <translation>Typing method: {method}</translation>
    </message>
    <message>
        <source>Viết hoa chữ tiếp theo</source>
        <translation>Capitalise the next letter</translation>
    </message>
    <message>
        <source>Viết hoa tất cả các chữ</source>
        <translation>Capitalise all letters</translation>
    </message>
    <message>
        <source>Xong</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>Xong, đóng bàn phím</source>
        <translation>Done, close the keyboard</translation>
    </message>
    <message>
        <source>Xóa một chữ</source>
        <translation>Delete one letter</translation>
    </message>
    <message>
        <source>Đổi kiểu gõ Telex hoặc VNI</source>
        <translation>Switch between the Telex and VNI typing methods</translation>
    </message>
    <message>
        <source>⇧ Chữ hoa</source>
        <translation>⇧ Shift</translation>
    </message>
    <message>
        <source>⇪ VIẾT HOA</source>
        <translation>⇪ CAPS</translation>
    </message>
    <message>
        <source>⌫ Xóa</source>
        <translation>⌫ Delete</translation>
    </message>
</context>
<context>
    <name>VolunteerCall</name>
    <message>
        <source>Mời tình nguyện viên đến quầy: có người cần giúp ở bước này.</source>
        <translation>Volunteer, please come to the counter: someone needs help with this step.</translation>
    </message>
</context>
<context>
    <name>WelcomeScreen</name>
    <message>
        <source>Bắt đầu</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>Hôm nay: {day}</source>
        <translation>Today: {day}</translation>
    </message>
    <message>
        <source>Quầy hỗ trợ dịch vụ công trực tuyến</source>
        <translation>Help desk for online public services</translation>
    </message>
    <message>
        <source>Quầy đã chốt sổ hôm nay, không nhận thêm lượt hỗ trợ. Mời {you} quay lại vào ngày làm việc tiếp theo, hoặc hỏi cán bộ tại Bộ phận Một cửa.</source>
        <translation>This counter has closed its day and takes no more visits today. Please come back on the next working day, or ask the staff at the one-stop-shop desk.</translation>
    </message>
    <message>
        <source>Xin chào!</source>
        <translation>Hello!</translation>
    </message>
    <message>
        <source>{You} cần làm tài khoản, cài VNeID, chữ ký số hay nộp hồ sơ trực tuyến? Tình nguyện viên sẽ giúp {you} từng bước.</source>
        <translation>Do you need an online account, VNeID, a digital signature or to file an application online? A volunteer will help you step by step.</translation>
    </message>
</context>
<context>
    <name>backup</name>
    <message>
        <source>Bản sao lưu {backup} được tạo với khóa bảo vệ dữ liệu mã {fingerprint}, mà chưa có tệp khóa: họ tên đã mã hóa sẽ không đọc được. Hãy chép đúng tệp khóa của trung tâm vào {key_file} rồi thử lại.</source>
        <translation>The backup {backup} was made with the data protection key {fingerprint}, but there is no key file: the encrypted names would be unreadable. Copy the centre&apos;s own key file to {key_file} and try again.</translation>
    </message>
    <message>
        <source>Bản sao lưu {backup} được tạo với khóa bảo vệ dữ liệu mã {fingerprint}, mà tệp khóa hiện tại (mã {current}) khác: họ tên đã mã hóa sẽ không đọc được. Hãy chép đúng tệp khóa của trung tâm vào {key_file} rồi thử lại.</source>
        <translation>The backup {backup} was made with the data protection key {fingerprint}, but the current key file (key {current}) is a different one: the encrypted names would be unreadable. Copy the centre&apos;s own key file to {key_file} and try again.</translation>
    </message>
    <message>
        <source>Chưa có cơ sở dữ liệu {database} để sao lưu (kiosk chưa chạy lần nào?).</source>
        <translation>There is no database {database} to back up yet (has the kiosk never run?).</translation>
    </message>
    <message>
        <source>Cơ sở dữ liệu của quầy nằm trên máy chủ PostgreSQL của trung tâm (dùng chung cho các quầy), nên kiosk không tự sao lưu hay khôi phục nó: quản trị viên máy chủ sao lưu bằng pg_dump và khôi phục bằng pg_restore (xem docs/OPERATIONS.md).</source>
        <translation>This counter&apos;s database is on the centre&apos;s PostgreSQL server (shared by the counters), so the kiosk does not back it up or restore it itself: the server&apos;s administrator backs it up with pg_dump and restores it with pg_restore (see docs/OPERATIONS.md).</translation>
    </message>
    <message>
        <source>Cơ sở dữ liệu {database} không qua được kiểm tra khi sao lưu (bị hỏng hoặc không phải của Quầy Số), nên không tạo bản sao lưu mới; các bản sao lưu cũ vẫn còn. Hãy chạy kiosk doctor và báo cán bộ CNTT.</source>
        <translation>The database {database} failed its check during the backup (it is damaged or is not a Quầy Số database), so no new backup was made; the older backups are still there. Run kiosk doctor and tell the IT officer.</translation>
    </message>
    <message>
        <source>Không có tệp sao lưu {path}.</source>
        <translation>There is no backup file {path}.</translation>
    </message>
    <message>
        <source>Không ghi được bản sao lưu vào {folder} ({reason}). Kiểm tra ổ đĩa và quyền ghi, hoặc đặt backup.dir sang thư mục khác.</source>
        <translation>Cannot write the backup to {folder} ({reason}). Check the disk and the write permissions, or set backup.dir to another folder.</translation>
    </message>
    <message>
        <source>Không ghi được bản sao lưu vào {folder}: không có quyền ghi. Kiểm tra ổ đĩa và quyền ghi, hoặc đặt backup.dir sang thư mục khác.</source>
        <translation>Cannot write the backup to {folder}: no permission to write. Check the disk and the write permissions, or set backup.dir to another folder.</translation>
    </message>
    <message>
        <source>Không ghi được bản sao lưu vào {folder}: lỗi hệ điều hành khi ghi tệp. Kiểm tra ổ đĩa và quyền ghi, hoặc đặt backup.dir sang thư mục khác.</source>
        <translation>Cannot write the backup to {folder}: the operating system failed to write the file. Check the disk and the write permissions, or set backup.dir to another folder.</translation>
    </message>
    <message>
        <source>Không ghi được bản sao lưu vào {folder}: một phần của đường dẫn không phải thư mục. Kiểm tra ổ đĩa và quyền ghi, hoặc đặt backup.dir sang thư mục khác.</source>
        <translation>Cannot write the backup to {folder}: part of the path is not a folder. Check the disk and the write permissions, or set backup.dir to another folder.</translation>
    </message>
    <message>
        <source>Không ghi được bản sao lưu vào {folder}: thư mục không tồn tại. Kiểm tra ổ đĩa và quyền ghi, hoặc đặt backup.dir sang thư mục khác.</source>
        <translation>Cannot write the backup to {folder}: the folder does not exist. Check the disk and the write permissions, or set backup.dir to another folder.</translation>
    </message>
    <message>
        <source>Không ghi được bản sao lưu vào {folder}: ổ đĩa chỉ cho phép đọc. Kiểm tra ổ đĩa và quyền ghi, hoặc đặt backup.dir sang thư mục khác.</source>
        <translation>Cannot write the backup to {folder}: the disk is read-only. Check the disk and the write permissions, or set backup.dir to another folder.</translation>
    </message>
    <message>
        <source>Không thấy thư mục sao lưu {folder} (đã cắm ổ USB / ổ đĩa sao lưu chưa?). Hãy cắm ổ, tạo thư mục đó, hoặc sửa backup.dir trong tệp cấu hình.</source>
        <translation>The backup folder {folder} was not found (is the USB stick or backup disk plugged in?). Plug in the disk, create that folder, or change backup.dir in the settings file.</translation>
    </message>
    <message>
        <source>Không đọc được thư mục sao lưu {folder} ({reason}).</source>
        <translation>Cannot read the backup folder {folder} ({reason}).</translation>
    </message>
    <message>
        <source>Không đủ chỗ trống để sao lưu vào {folder}: cần khoảng {needed} (và chừa 100 MB cho quầy ghi tiếp), còn {free}. Hãy xóa bớt tệp, giảm backup.keep_days hoặc đặt backup.dir sang ổ khác.</source>
        <translation>Not enough free space to back up to {folder}: about {needed} is needed (and 100 MB kept free for the counter to go on writing), {free} is left. Delete some files, lower backup.keep_days or set backup.dir to another disk.</translation>
    </message>
    <message>
        <source>Không đủ chỗ trống để sao lưu vào {folder}: cần khoảng {needed}, còn {free}. Hãy xóa bớt tệp, giảm backup.keep_days hoặc đặt backup.dir sang ổ khác.</source>
        <translation>Not enough free space to back up to {folder}: about {needed} is needed, {free} is left. Delete some files, lower backup.keep_days or set backup.dir to another disk.</translation>
    </message>
    <message>
        <source>Tệp cần khôi phục chính là cơ sở dữ liệu đang dùng.</source>
        <translation>The file to restore is the database in use itself.</translation>
    </message>
    <message>
        <source>Tệp {name} bị hỏng (kiểm tra toàn vẹn không đạt), nên không dùng được. Hãy chọn một bản sao lưu khác.</source>
        <translation>The file {name} is damaged (it failed the integrity check), so it cannot be used. Choose another backup.</translation>
    </message>
    <message>
        <source>Tệp {name} có lược đồ {revision}, do một phiên bản Quầy Số mới hơn tạo ra; phiên bản này không dùng được nó. Hãy cập nhật Quầy Số trước.</source>
        <translation>The file {name} has schema {revision}, made by a newer version of Quầy Số; this version cannot use it. Update Quầy Số first.</translation>
    </message>
    <message>
        <source>Tệp {name} không phải cơ sở dữ liệu của Quầy Số (hoặc bị hỏng nặng).</source>
        <translation>The file {name} is not a Quầy Số database (or is badly damaged).</translation>
    </message>
    <message>
        <source>khôi phục vào {database}</source>
        <translation>restoring into {database}</translation>
    </message>
    <message>
        <source>Ổ đĩa chứa thư mục sao lưu {folder} đã đầy nên chưa sao lưu được; không có bản sao lưu dở dang nào được để lại. Hãy xóa bớt tệp, giảm backup.keep_days hoặc đặt backup.dir sang ổ khác.</source>
        <translation>The disk holding the backup folder {folder} is full, so the backup was not made; no half-written backup was left behind. Delete some files, lower backup.keep_days or set backup.dir to another disk.</translation>
    </message>
</context>
<context>
    <name>camera</name>
    <message>
        <source>Không mở được camera. Kiểm tra dây cắm USB hoặc ứng dụng khác đang dùng camera; vẫn có thể quét bằng máy quét cầm tay hoặc nhập tay.</source>
        <translation>The camera cannot be opened. Check the USB cable, or whether another program is using the camera; you can still scan with the handheld scanner or type the details in.</translation>
    </message>
    <message>
        <source>Mất tín hiệu camera. Đang thử kết nối lại… Kiểm tra dây cắm USB.</source>
        <translation>Lost the camera signal. Trying to reconnect… Check the USB cable.</translation>
    </message>
</context>
<context>
    <name>catalogue</name>
    <message>
        <source>{path}: [[{section}]] mục thứ {index}</source>
        <translation>{path}: [[{section}]] entry {index}</translation>
    </message>
    <message>
        <source>{path}: không đọc được danh mục dịch vụ ({reason}).</source>
        <translation>{path}: cannot read the service catalogue ({reason}).</translation>
    </message>
    <message>
        <source>{path}: thiếu danh sách [[{section}]].</source>
        <translation>{path}: the [[{section}]] list is missing.</translation>
    </message>
    <message>
        <source>{where} có khóa không hỗ trợ: {keys}.</source>
        <translation>{where} has unsupported keys: {keys}.</translation>
    </message>
    <message>
        <source>{where} thiếu khóa {keys}.</source>
        <translation>{where} lacks the keys {keys}.</translation>
    </message>
    <message>
        <source>{where}: mã &apos;{code}&apos; bị trùng.</source>
        <translation>{where}: the code &apos;{code}&apos; is used twice.</translation>
    </message>
</context>
<context>
    <name>chip</name>
    <message>
        <source>Chip không chứng minh được là chip gốc của thẻ (xác thực chủ động không đạt): có thể là bản sao dữ liệu sang chip khác.</source>
        <translation>The chip could not prove it is the card&apos;s original chip (active authentication failed): its data may have been copied to another chip.</translation>
    </message>
    <message>
        <source>Chip này không có xác thực chủ động (không có DG15).</source>
        <translation>This chip has no active authentication (no DG15).</translation>
    </message>
    <message>
        <source>Chip thật: chip đã chứng minh giữ khóa bí mật của thẻ (xác thực chủ động).</source>
        <translation>Genuine chip: the chip proved it holds the card&apos;s secret key (active authentication).</translation>
    </message>
    <message>
        <source>Chip từ chối mở: số giấy tờ, ngày sinh hoặc ngày hết hạn chưa đúng với thẻ. Kiểm tra lại ba thông tin này.</source>
        <translation>The chip refused access: the document number, birth date or expiry date does not match the card. Check these three fields again.</translation>
    </message>
    <message>
        <source>Chưa có thẻ trên đầu đọc. Đặt thẻ lên đầu đọc và giữ yên.</source>
        <translation>No card on the reader. Place the card on the reader and hold it still.</translation>
    </message>
    <message>
        <source>Chưa có đầu đọc chip: quét mã QR hoặc nhập tay.</source>
        <translation>No chip reader yet: scan the QR code or type the details in.</translation>
    </message>
    <message>
        <source>Chưa xác thực: máy chưa được cài kho chứng thư gốc (CSCA).</source>
        <translation>Not verified: no store of country signing certificates (CSCA) is installed on this PC.</translation>
    </message>
    <message>
        <source>Chứng thư ký của chip đã hết hạn hoặc chưa có hiệu lực: chưa xác thực được.</source>
        <translation>The chip&apos;s signing certificate has expired or is not yet valid: not verified.</translation>
    </message>
    <message>
        <source>Dịch vụ đầu đọc thẻ (PC/SC) chưa chạy trên máy này. Báo cán bộ kỹ thuật khởi động dịch vụ pcscd (Windows: Smart Card).</source>
        <translation>The card reader service (PC/SC) is not running on this PC. Ask IT staff to start pcscd (Windows: Smart Card).</translation>
    </message>
    <message>
        <source>Dữ liệu chip đã bị thay đổi sau khi ký: không dùng được để xác minh.</source>
        <translation>The chip&apos;s data was changed after it was signed: it cannot be used for verification.</translation>
    </message>
    <message>
        <source>Không rõ nơi ký: chữ ký của chip không thuộc cơ quan cấp thẻ nào trong kho tin cậy.</source>
        <translation>Unknown signer: the chip&apos;s signature belongs to no issuing authority in the trusted store.</translation>
    </message>
    <message>
        <source>Không thấy đầu đọc chip nào. Kiểm tra dây cắm USB của đầu đọc.</source>
        <translation>No chip reader found. Check the reader&apos;s USB cable.</translation>
    </message>
    <message>
        <source>Không đọc được kho chứng thư gốc (CSCA) tại {path}. Báo cán bộ kỹ thuật kiểm tra tệp.</source>
        <translation>Cannot read the store of country signing certificates (CSCA) at {path}. Ask IT staff to check the file.</translation>
    </message>
    <message>
        <source>Máy này chưa cài phần đọc chip (pyscard).</source>
        <translation>The chip reading software (pyscard) is not installed on this computer.</translation>
    </message>
    <message>
        <source>Ngày {value} không đúng: ghi dạng ngày/tháng/năm hoặc YYMMDD.</source>
        <translation>The date {value} is not valid: write it as day/month/year or YYMMDD.</translation>
    </message>
    <message>
        <source>Nếu ngày sinh và ngày hết hạn đã đúng, hãy nhập số giấy tờ in trên dòng mã MRZ ở mặt sau thẻ (9 số ngay sau chữ IDVNM).</source>
        <translation>If the birth date and the expiry date are right, enter the document number printed on the MRZ line on the back of the card (the 9 digits right after IDVNM).</translation>
    </message>
    <message>
        <source>Số giấy tờ {value} không đúng: 9 ký tự trên dòng MRZ hoặc 12 chữ số định danh.</source>
        <translation>The document number {value} is not valid: the 9 characters of the MRZ line or the 12-digit personal number.</translation>
    </message>
    <message>
        <source>Thẻ trên đầu đọc không có chip căn cước điện tử (ICAO) để đọc.</source>
        <translation>The card on the reader has no electronic identity (ICAO) chip to read.</translation>
    </message>
    <message>
        <source>Thẻ vẫn trên đầu đọc: sửa thông tin rồi chạm «Đọc chip», hoặc đặt lại thẻ.</source>
        <translation>The card is still on the reader: correct the details and tap «Read the chip», or place the card again.</translation>
    </message>
    <message>
        <source>Thẻ đã rời đầu đọc trước khi đọc xong. Đặt lại thẻ và giữ yên cho đến khi đọc xong.</source>
        <translation>The card left the reader before the read finished. Place it again and hold it still until the read is done.</translation>
    </message>
    <message>
        <source>Đang đọc chip… giữ yên thẻ trên đầu đọc.</source>
        <translation>Reading the chip… hold the card still on the reader.</translation>
    </message>
    <message>
        <source>Đã có thẻ trên đầu đọc. Chạm «Đọc chip trên thẻ» và nhập số thẻ, ngày sinh, ngày hết hạn in trên thẻ.</source>
        <translation>A card is on the reader. Tap «Read the card&apos;s chip» and enter the card number, birth date and expiry date printed on the card.</translation>
    </message>
    <message>
        <source>Đã xác thực: dữ liệu chip do cơ quan cấp thẻ ký và không bị sửa.</source>
        <translation>Verified: the chip&apos;s data was signed by the issuing authority and has not been changed.</translation>
    </message>
    <message>
        <source>Đã đọc chip. Có thể nhấc thẻ ra.</source>
        <translation>The chip has been read. You can take the card off.</translation>
    </message>
    <message>
        <source>Đặt thẻ lên đầu đọc chip và giữ yên.</source>
        <translation>Place the card on the chip reader and hold it still.</translation>
    </message>
    <message>
        <source>Đọc chip không thành công (dữ liệu truyền bị lỗi). Đặt lại thẻ và thử lần nữa.</source>
        <translation>Reading the chip failed (a transmission error). Place the card again and try once more.</translation>
    </message>
</context>
<context>
    <name>cli</name>
    <message>
        <source>&apos;{text}&apos; không phải số nguyên</source>
        <translation>&apos;{text}&apos; is not a whole number</translation>
    </message>
    <message>
        <source>Chưa biết cơ sở dữ liệu của trung tâm: đặt database.central_url trong tệp cấu hình hoặc thêm --url.</source>
        <translation>The centre&apos;s database is not known: set database.central_url in the settings file or add --url.</translation>
    </message>
    <message>
        <source>Chưa gửi được: cần cập nhật máy chủ trung tâm.</source>
        <translation>Not sent yet: the centre&apos;s server needs updating.</translation>
    </message>
    <message>
        <source>Chưa gửi được: cần cập nhật máy chủ trung tâm. {reason}</source>
        <translation>Not sent yet: the centre&apos;s server needs updating. {reason}</translation>
    </message>
    <message>
        <source>Chưa gửi được: cần cập nhật quầy này.</source>
        <translation>Not sent yet: this counter needs updating.</translation>
    </message>
    <message>
        <source>Chưa gửi được: cần cập nhật quầy này. {reason}</source>
        <translation>Not sent yet: this counter needs updating. {reason}</translation>
    </message>
    <message>
        <source>Chưa gửi được: không kết nối được cơ sở dữ liệu của trung tâm. Quầy vẫn làm việc bình thường và sẽ tự gửi khi kết nối lại.</source>
        <translation>Not sent yet: cannot connect to the centre&apos;s database. The counter goes on working as usual and will send by itself once it is connected again.</translation>
    </message>
    <message>
        <source>Chưa gửi được: máy chủ của trung tâm báo lỗi. Quầy vẫn làm việc bình thường; hãy báo cán bộ CNTT.</source>
        <translation>Not sent yet: the centre&apos;s server reported an error. The counter goes on working as usual; tell the IT officer.</translation>
    </message>
    <message>
        <source>Chưa gửi được: máy chủ của trung tâm dùng khóa bảo mật khác với quầy này. Hãy chép đúng tệp khóa của trung tâm vào máy này rồi mở lại kiosk. Quầy vẫn làm việc bình thường; các lượt được giữ và sẽ gửi sau.</source>
        <translation>Not sent yet: the centre&apos;s server uses a different security key from this counter. Copy the centre&apos;s own key file to this computer, then open the kiosk again. The counter goes on working as usual; the visits are kept and will be sent later.</translation>
    </message>
    <message>
        <source>Cần xác nhận: thêm --yes để nâng cấp máy chủ trung tâm.</source>
        <translation>Confirmation needed: add --yes to upgrade the centre&apos;s server.</translation>
    </message>
    <message>
        <source>Hai lần nhập PIN không khớp.</source>
        <translation>The two PINs entered do not match.</translation>
    </message>
    <message>
        <source>Khoảng ngày xuất quá dài (tối đa 10 năm).</source>
        <translation>The export period is too long (at most 10 years).</translation>
    </message>
    <message>
        <source>Khôi phục thay toàn bộ dữ liệu hiện tại nên cần xác nhận: chạy trong cửa sổ dòng lệnh, hoặc thêm --yes.</source>
        <translation>A restore replaces all the current data, so it needs confirming: run it in a terminal window, or add --yes.</translation>
    </message>
    <message>
        <source>Không có lệnh &apos;kiosk centre {command}&apos;.</source>
        <translation>There is no command &apos;kiosk centre {command}&apos;.</translation>
    </message>
    <message>
        <source>Không ghi được tệp {path}: {reason}.</source>
        <translation>Cannot write the file {path}: {reason}.</translation>
    </message>
    <message>
        <source>Ngày kết thúc (--to) phải sau hoặc bằng ngày bắt đầu (--from).</source>
        <translation>The end date (--to) must be on or after the start date (--from).</translation>
    </message>
    <message>
        <source>Quầy này chưa nối với cơ sở dữ liệu chung của trung tâm: hãy đặt database.central_url trong tệp cấu hình.</source>
        <translation>This counter is not connected to the centre&apos;s shared database: set database.central_url in the settings file.</translation>
    </message>
    <message>
        <source>Tệp cấu hình {path} đã có; không ghi đè.</source>
        <translation>The settings file {path} already exists; it is not overwritten.</translation>
    </message>
    <message>
        <source>không được âm</source>
        <translation>must not be negative</translation>
    </message>
    <message>
        <source>phải lớn hơn 0</source>
        <translation>must be greater than 0</translation>
    </message>
    <message>
        <source>Đã hủy; không thay đổi gì.</source>
        <translation>Cancelled; nothing was changed.</translation>
    </message>
</context>
<context>
    <name>dashboard</name>
    <message>
        <source>Chữ ký số cá nhân</source>
        <translation>Personal digital signatures</translation>
    </message>
    <message>
        <source>Hồ sơ nộp trực tuyến</source>
        <translation>Dossiers filed online</translation>
    </message>
    <message>
        <source>Kích hoạt VNeID mức 2</source>
        <translation>VNeID level-2 activations</translation>
    </message>
    <message>
        <source>Người trưởng thành có chữ ký số</source>
        <translation>Adults with a digital signature</translation>
    </message>
    <message>
        <source>Thanh toán trực tuyến</source>
        <translation>Online payments</translation>
    </message>
    <message>
        <source>Tỉ lệ hồ sơ nộp trực tuyến</source>
        <translation>Share of dossiers filed online</translation>
    </message>
    <message>
        <source>hồ sơ</source>
        <translation>dossiers</translation>
    </message>
    <message>
        <source>người</source>
        <translation>people</translation>
    </message>
    <message>
        <source>người trưởng thành</source>
        <translation>adults</translation>
    </message>
    <message>
        <source>tỉ lệ này cần mẫu số do tỉnh cung cấp; quầy không tự tính.</source>
        <translation>this share needs a denominator the province supplies; the counter does not compute it.</translation>
    </message>
    <message>
        <source>tỉ lệ này là hồ sơ trực tuyến trên tất cả hồ sơ địa phương tiếp nhận (Quyết định 766/QĐ-TTg); quầy không tính được, tỉnh tổng hợp.</source>
        <translation>this share is online dossiers over all dossiers the locality received (Decision 766/QĐ-TTg); the counter cannot compute it, the province does.</translation>
    </message>
    <message>
        <source>tỉ lệ này tính trên dân số trưởng thành của địa phương; quầy không tính được, tỉnh tổng hợp.</source>
        <translation>this share is over the locality&apos;s adult population; the counter cannot compute it, the province does.</translation>
    </message>
    <message>
        <source>{count} / mục tiêu {goal} {unit} ({share})</source>
        <translation>{count} / target {goal} {unit} ({share})</translation>
    </message>
    <message>
        <source>Đăng nhập lần đầu Cổng DVC</source>
        <translation>First portal log-ins</translation>
    </message>
    <message>
        <source>• Mục tiêu &quot;{key}&quot;: quầy không có số liệu cho chỉ tiêu này; tỉnh tổng hợp.</source>
        <translation>• Target &quot;{key}&quot;: the counter has no figure for it; the province compiles it.</translation>
    </message>
    <message>
        <source>• {title} (mục tiêu {goal}): quầy đã hỗ trợ {count} {unit}; {why}</source>
        <translation>• {title} (target {goal}): the counter helped {count} {unit}; {why}</translation>
    </message>
</context>
<context>
    <name>demo</name>
    <message>
        <source>Cơ sở dữ liệu này đã có nhật ký hỗ trợ thật; không trộn dữ liệu mẫu vào. Hãy dùng một cơ sở dữ liệu riêng (KIOSK_DATA_DIR) hoặc thêm --force.</source>
        <translation>This database already holds a real log of visits; demo data is not mixed into it. Use a separate database (KIOSK_DATA_DIR) or add --force.</translation>
    </message>
    <message>
        <source>Không có ngày làm việc nào chưa chốt sổ từ {first} đến {last} cho quầy {counter}; chọn khoảng ngày khác.</source>
        <translation>There is no working day that is not yet closed from {first} to {last} for counter {counter}; choose other dates.</translation>
    </message>
    <message>
        <source>Mã quầy phải gồm 1–8 chữ cái in hoa hoặc chữ số, ví dụ Q01.</source>
        <translation>The counter code must be 1–8 capital letters or digits, for example Q01.</translation>
    </message>
    <message>
        <source>Số lượt hỗ trợ mẫu phải lớn hơn 0.</source>
        <translation>The number of demo visits must be greater than 0.</translation>
    </message>
    <message>
        <source>Số ngày dữ liệu mẫu phải từ 1 đến 3660.</source>
        <translation>The number of days of demo data must be from 1 to 3660.</translation>
    </message>
</context>
<context>
    <name>devices</name>
    <message>
        <source>Bộ giải mã QR không khả dụng trên máy này. Hãy nhập tay thông tin trên thẻ và báo cán bộ CNTT chạy &apos;kiosk doctor&apos;.</source>
        <translation>No QR decoder works on this computer. Type in the card details and ask the IT officer to run &apos;kiosk doctor&apos;.</translation>
    </message>
    <message>
        <source>Bộ giải mã QR {name} không khả dụng.</source>
        <translation>The QR decoder {name} is not available.</translation>
    </message>
    <message>
        <source>Không tìm thấy tệp {name}.</source>
        <translation>File {name} not found.</translation>
    </message>
    <message>
        <source>Không đọc được tệp {name}.</source>
        <translation>Cannot read the file {name}.</translation>
    </message>
    <message>
        <source>Tệp {name} không phải ảnh, hoặc là ảnh hỏng hay định dạng không hỗ trợ.</source>
        <translation>The file {name} is not a picture, or the picture is damaged or in a format that is not supported.</translation>
    </message>
    <message>
        <source>Tệp {name} quá lớn để là ảnh chụp thẻ.</source>
        <translation>The file {name} is too large to be a photo of a card.</translation>
    </message>
    <message>
        <source>{name} không phải tệp ảnh.</source>
        <translation>{name} is not a picture file.</translation>
    </message>
    <message>
        <source>{name} là thư mục, không phải tệp ảnh.</source>
        <translation>{name} is a folder, not a picture file.</translation>
    </message>
</context>
<context>
    <name>figures</name>
    <message>
        <source>Chữ ký số cá nhân</source>
        <translation>Personal digital signatures</translation>
    </message>
    <message>
        <source>Hồ sơ nộp trực tuyến (có mã hồ sơ)</source>
        <translation>Dossiers filed online (with a dossier code)</translation>
    </message>
    <message>
        <source>Kích hoạt định danh điện tử VNeID mức 2</source>
        <translation>VNeID level-2 activations</translation>
    </message>
    <message>
        <source>Sổ sức khỏe điện tử</source>
        <translation>Electronic health books</translation>
    </message>
    <message>
        <source>Thanh toán phí, lệ phí trực tuyến</source>
        <translation>Online fee payments</translation>
    </message>
    <message>
        <source>Tài khoản VssID</source>
        <translation>VssID accounts</translation>
    </message>
    <message>
        <source>Tài khoản thanh toán không dùng tiền mặt</source>
        <translation>Cashless payment accounts</translation>
    </message>
    <message>
        <source>trong đó người trưởng thành (đủ 18 tuổi theo năm sinh)</source>
        <translation>of whom adults (18 or over by birth year)</translation>
    </message>
    <message>
        <source>trong đó thủ tục một phần</source>
        <translation>of which partly online procedures</translation>
    </message>
    <message>
        <source>trong đó thủ tục toàn trình</source>
        <translation>of which fully online procedures</translation>
    </message>
    <message>
        <source>Đăng ký tài khoản VNeID mức 1</source>
        <translation>VNeID level-1 registrations</translation>
    </message>
    <message>
        <source>Đăng nhập lần đầu Cổng Dịch vụ công quốc gia bằng VNeID</source>
        <translation>First log-ins to the National Public Service Portal with VNeID</translation>
    </message>
</context>
<context>
    <name>guides</name>
    <message>
        <source>&quot;needs_vi&quot; có {vi} mục nhưng &quot;needs_en&quot; có {en} mục: hai danh sách phải dài bằng nhau</source>
        <translation>&quot;needs_vi&quot; has {vi} items but &quot;needs_en&quot; has {en}: the two lists must be the same length</translation>
    </message>
    <message>
        <source>Bước hướng dẫn không hợp lệ.</source>
        <translation>Invalid guide step.</translation>
    </message>
    <message>
        <source>Chưa có gói hướng dẫn trước đó để quay lại.</source>
        <translation>There is no previous guide pack to go back to.</translation>
    </message>
    <message>
        <source>Danh mục trong gói thiếu mã &apos;{code}&apos; ({section}) mà kiosk đang dùng.</source>
        <translation>The pack&apos;s catalogue lacks the code &apos;{code}&apos; ({section}) that the kiosk uses.</translation>
    </message>
    <message>
        <source>Ghi chú có ký tự điều khiển hoặc ký tự ẩn (ở vị trí {position}); hãy gõ lại.</source>
        <translation>The note has a control or invisible character (at position {position}); type it again.</translation>
    </message>
    <message>
        <source>Ghi chú cần ít nhất {minimum} ký tự: bước này cũ ở chỗ nào?</source>
        <translation>The note needs at least {minimum} characters: what in this step is out of date?</translation>
    </message>
    <message>
        <source>Ghi chú dài quá {limit} ký tự (đang có {length}).</source>
        <translation>The note is longer than {limit} characters ({length} now).</translation>
    </message>
    <message>
        <source>Ghi chú không được có số giấy tờ hay số điện thoại: chỉ ghi bước hướng dẫn cũ ở chỗ nào.</source>
        <translation>The note must not hold an ID or phone number: write only what in the guide step is out of date.</translation>
    </message>
    <message>
        <source>Gói hướng dẫn có tệp không được phép: {name}.</source>
        <translation>The guide pack holds a file that is not allowed: {name}.</translation>
    </message>
    <message>
        <source>Gói hướng dẫn có tệp manifest.json không hợp lệ: {why}.</source>
        <translation>The guide pack&apos;s manifest.json is not valid: {why}.</translation>
    </message>
    <message>
        <source>Gói hướng dẫn không hợp lệ, chưa thay gì: {problem} (tổng cộng {count} lỗi).</source>
        <translation>The guide pack is not valid, nothing was replaced: {problem} ({count} problems in all).</translation>
    </message>
    <message>
        <source>Gói hướng dẫn quá lớn ({name}).</source>
        <translation>The guide pack is too large ({name}).</translation>
    </message>
    <message>
        <source>Gói hướng dẫn thiếu tệp {name} có trong manifest.json.</source>
        <translation>The guide pack lacks the file {name} that manifest.json lists.</translation>
    </message>
    <message>
        <source>Gói không có hướng dẫn nào.</source>
        <translation>The pack holds no guide.</translation>
    </message>
    <message>
        <source>Phiên bản gói hướng dẫn &apos;{version}&apos; không hợp lệ: tối đa 40 chữ cái không dấu, chữ số, &apos;.&apos;, &apos;_&apos; hoặc &apos;-&apos;.</source>
        <translation>The guide pack version &apos;{version}&apos; is not valid: at most 40 unaccented letters, digits, &apos;.&apos;, &apos;_&apos; or &apos;-&apos;.</translation>
    </message>
    <message>
        <source>Tệp {file} không phải gói hướng dẫn (tệp zip) đọc được.</source>
        <translation>The file {file} is not a readable guide pack (zip file).</translation>
    </message>
    <message>
        <source>Tệp {name} trong gói không có trong manifest.json.</source>
        <translation>The file {name} in the pack is not listed in manifest.json.</translation>
    </message>
    <message>
        <source>Tệp {name} trong gói đã bị sửa hoặc hỏng (sai mã sha256).</source>
        <translation>The file {name} in the pack was changed or is damaged (wrong sha256).</translation>
    </message>
    <message>
        <source>bước {step} trỏ tới chính hướng dẫn &quot;{code}&quot; này</source>
        <translation>step {step} points to this very guide &quot;{code}&quot;</translation>
    </message>
    <message>
        <source>bước {step} trỏ tới hướng dẫn &quot;{code}&quot; không có trong danh mục dịch vụ</source>
        <translation>step {step} points to a guide &quot;{code}&quot; that is not in the service catalogue</translation>
    </message>
    <message>
        <source>bước {step} trỏ tới hướng dẫn &quot;{code}&quot; nhưng thư mục không có tệp đó</source>
        <translation>step {step} points to the guide &quot;{code}&quot; but the folder has no such file</translation>
    </message>
    <message>
        <source>chuỗi văn bản</source>
        <translation>a text string</translation>
    </message>
    <message>
        <source>danh sách chuỗi văn bản</source>
        <translation>a list of text strings</translation>
    </message>
    <message>
        <source>danh sách các bước [[steps]]</source>
        <translation>a list of [[steps]]</translation>
    </message>
    <message>
        <source>dịch vụ &quot;{code}&quot; trong danh mục chưa có hướng dẫn</source>
        <translation>the service &quot;{code}&quot; in the catalogue has no guide yet</translation>
    </message>
    <message>
        <source>hướng dẫn có {count} bước, cần ít nhất {limit} bước</source>
        <translation>the guide has {count} steps; it needs at least {limit}</translation>
    </message>
    <message>
        <source>hướng dẫn có {count} bước, tối đa {limit} bước</source>
        <translation>the guide has {count} steps; at most {limit} are allowed</translation>
    </message>
    <message>
        <source>hướng dẫn của dịch vụ &quot;{code}&quot; phải nằm trong tệp &quot;{expected}&quot;</source>
        <translation>the guide of the service &quot;{code}&quot; must be in the file &quot;{expected}&quot;</translation>
    </message>
    <message>
        <source>không có tệp ảnh &quot;images/{value}&quot; dùng ở bước {step}</source>
        <translation>there is no picture file &quot;images/{value}&quot;, used in step {step}</translation>
    </message>
    <message>
        <source>không tìm thấy thư mục hướng dẫn</source>
        <translation>the guides folder was not found</translation>
    </message>
    <message>
        <source>không đọc được tệp ({detail})</source>
        <translation>cannot read the file ({detail})</translation>
    </message>
    <message>
        <source>mã bước &quot;{value}&quot; trong bước {step} bị trùng với bước {first}</source>
        <translation>the step id &quot;{value}&quot; in step {step} is already used by step {first}</translation>
    </message>
    <message>
        <source>mã bước &quot;{value}&quot; trong bước {step} chỉ được gồm chữ thường không dấu, chữ số và dấu gạch dưới</source>
        <translation>the step id &quot;{value}&quot; in step {step} may contain only lower-case letters without accents, digits and underscores</translation>
    </message>
    <message>
        <source>mã dịch vụ &quot;{code}&quot; không có trong danh mục dịch vụ</source>
        <translation>the service code &quot;{code}&quot; is not in the service catalogue</translation>
    </message>
    <message>
        <source>một bảng [[steps]]</source>
        <translation>a [[steps]] table</translation>
    </message>
    <message>
        <source>mục thứ {item} của &quot;{key}&quot; chưa ở dạng Unicode dựng sẵn (NFC)</source>
        <translation>item {item} of &quot;{key}&quot; is not in precomposed Unicode (NFC)</translation>
    </message>
    <message>
        <source>mục thứ {item} của &quot;{key}&quot; có &quot;{token}&quot;: chỉ được dùng {allowed} để xưng hô</source>
        <translation>item {item} of &quot;{key}&quot; holds &quot;{token}&quot;: only {allowed} may be used, for the form of address</translation>
    </message>
    <message>
        <source>mục thứ {item} của &quot;{key}&quot; dài {length} ký tự, tối đa {limit}</source>
        <translation>item {item} of &quot;{key}&quot; is {length} characters long; at most {limit} are allowed</translation>
    </message>
    <message>
        <source>mục thứ {item} của &quot;{key}&quot; không được có &quot;{token}&quot;: chỉ chữ tiếng Việt người dân đọc (tiêu đề, tóm tắt, cần chuẩn bị, nội dung bước) mới có chữ xưng hô</source>
        <translation>item {item} of &quot;{key}&quot; may not hold &quot;{token}&quot;: only the Vietnamese texts the citizen reads (titles, summary, needs, step texts) address them</translation>
    </message>
    <message>
        <source>mục thứ {item} của &quot;{key}&quot; nói về &quot;{phrase}&quot; ở ngôi thứ ba: người dân đọc chữ này trên màn hình, hãy nói với họ bằng {allowed} hoặc câu không cần chủ ngữ</source>
        <translation>item {item} of &quot;{key}&quot; speaks of &quot;{phrase}&quot; in the third person: the citizen reads it on the screen, address them with {allowed} or a sentence without a subject</translation>
    </message>
    <message>
        <source>mục thứ {item} của &quot;{key}&quot; phải là chuỗi văn bản</source>
        <translation>item {item} of &quot;{key}&quot; must be a text string</translation>
    </message>
    <message>
        <source>mục thứ {item} của &quot;{key}&quot; đang để trống</source>
        <translation>item {item} of &quot;{key}&quot; is empty</translation>
    </message>
    <message>
        <source>phiên bản định dạng {value} không được hỗ trợ (chỉ hỗ trợ {supported})</source>
        <translation>format version {value} is not supported (only {supported} is)</translation>
    </message>
    <message>
        <source>sai cú pháp TOML ở cột {column} ({detail})</source>
        <translation>TOML syntax error at column {column} ({detail})</translation>
    </message>
    <message>
        <source>số nguyên</source>
        <translation>a whole number</translation>
    </message>
    <message>
        <source>thiếu trường &quot;{key}&quot;</source>
        <translation>the field &quot;{key}&quot; is missing</translation>
    </message>
    <message>
        <source>thiếu trường &quot;{key}&quot; trong bước {step}</source>
        <translation>the field &quot;{key}&quot; is missing in step {step}</translation>
    </message>
    <message>
        <source>trường &quot;checked&quot; phải có dạng &quot;NĂM-THÁNG&quot;, ví dụ &quot;2026-11&quot;</source>
        <translation>the field &quot;checked&quot; must be written &quot;YEAR-MONTH&quot;, for example &quot;2026-11&quot;</translation>
    </message>
    <message>
        <source>trường &quot;checked&quot; trong bước {step} phải có dạng &quot;NĂM-THÁNG&quot;, ví dụ &quot;2026-12&quot;</source>
        <translation>the field &quot;checked&quot; in step {step} must be written &quot;YEAR-MONTH&quot;, for example &quot;2026-12&quot;</translation>
    </message>
    <message>
        <source>trường &quot;{key}&quot; chưa ở dạng Unicode dựng sẵn (NFC): gõ lại chữ có dấu hoặc lưu tệp ở dạng NFC</source>
        <translation>the field &quot;{key}&quot; is not in precomposed Unicode (NFC): type the accented letters again or save the file as NFC</translation>
    </message>
    <message>
        <source>trường &quot;{key}&quot; có &quot;{token}&quot;: chỉ được dùng {allowed} để xưng hô</source>
        <translation>field &quot;{key}&quot; holds &quot;{token}&quot;: only {allowed} may be used, for the form of address</translation>
    </message>
    <message>
        <source>trường &quot;{key}&quot; dài {length} ký tự, tối đa {limit}</source>
        <translation>the field &quot;{key}&quot; is {length} characters long; at most {limit} are allowed</translation>
    </message>
    <message>
        <source>trường &quot;{key}&quot; không được có &quot;{token}&quot;: chỉ chữ tiếng Việt người dân đọc (tiêu đề, tóm tắt, cần chuẩn bị, nội dung bước) mới có chữ xưng hô</source>
        <translation>field &quot;{key}&quot; may not hold &quot;{token}&quot;: only the Vietnamese texts the citizen reads (titles, summary, needs, step texts) address them</translation>
    </message>
    <message>
        <source>trường &quot;{key}&quot; không được hỗ trợ</source>
        <translation>the field &quot;{key}&quot; is not supported</translation>
    </message>
    <message>
        <source>trường &quot;{key}&quot; nói về &quot;{phrase}&quot; ở ngôi thứ ba: người dân đọc chữ này trên màn hình, hãy nói với họ bằng {allowed} hoặc câu không cần chủ ngữ</source>
        <translation>field &quot;{key}&quot; speaks of &quot;{phrase}&quot; in the third person: the citizen reads it on the screen, address them with {allowed} or a sentence without a subject</translation>
    </message>
    <message>
        <source>trường &quot;{key}&quot; phải là {expected}</source>
        <translation>the field &quot;{key}&quot; must be {expected}</translation>
    </message>
    <message>
        <source>trường &quot;{key}&quot; trong bước {step} chưa ở dạng Unicode dựng sẵn (NFC): gõ lại chữ có dấu hoặc lưu tệp ở dạng NFC</source>
        <translation>the field &quot;{key}&quot; in step {step} is not in precomposed Unicode (NFC): type the accented letters again or save the file as NFC</translation>
    </message>
    <message>
        <source>trường &quot;{key}&quot; trong bước {step} có &quot;{token}&quot;: chỉ được dùng {allowed} để xưng hô</source>
        <translation>field &quot;{key}&quot; in step {step} holds &quot;{token}&quot;: only {allowed} may be used, for the form of address</translation>
    </message>
    <message>
        <source>trường &quot;{key}&quot; trong bước {step} dài {length} ký tự, tối đa {limit}</source>
        <translation>the field &quot;{key}&quot; in step {step} is {length} characters long; at most {limit} are allowed</translation>
    </message>
    <message>
        <source>trường &quot;{key}&quot; trong bước {step} không được có &quot;{token}&quot;: chỉ chữ tiếng Việt người dân đọc (tiêu đề, tóm tắt, cần chuẩn bị, nội dung bước) mới có chữ xưng hô</source>
        <translation>field &quot;{key}&quot; in step {step} may not hold &quot;{token}&quot;: only the Vietnamese texts the citizen reads (titles, summary, needs, step texts) address them</translation>
    </message>
    <message>
        <source>trường &quot;{key}&quot; trong bước {step} không được hỗ trợ</source>
        <translation>the field &quot;{key}&quot; in step {step} is not supported</translation>
    </message>
    <message>
        <source>trường &quot;{key}&quot; trong bước {step} nói về &quot;{phrase}&quot; ở ngôi thứ ba: người dân đọc chữ này trên màn hình, hãy nói với họ bằng {allowed} hoặc câu không cần chủ ngữ</source>
        <translation>field &quot;{key}&quot; in step {step} speaks of &quot;{phrase}&quot; in the third person: the citizen reads it on the screen, address them with {allowed} or a sentence without a subject</translation>
    </message>
    <message>
        <source>trường &quot;{key}&quot; trong bước {step} phải là {expected}</source>
        <translation>the field &quot;{key}&quot; in step {step} must be {expected}</translation>
    </message>
    <message>
        <source>trường &quot;{key}&quot; trong bước {step} đang để trống</source>
        <translation>the field &quot;{key}&quot; in step {step} is empty</translation>
    </message>
    <message>
        <source>trường &quot;{key}&quot; đang để trống</source>
        <translation>the field &quot;{key}&quot; is empty</translation>
    </message>
    <message>
        <source>tệp không phải văn bản UTF-8</source>
        <translation>the file is not UTF-8 text</translation>
    </message>
    <message>
        <source>tệp không phải ảnh SVG có thuộc tính viewBox</source>
        <translation>the file is not an SVG picture with a viewBox attribute</translation>
    </message>
    <message>
        <source>{file}, dòng {line}: {problem}</source>
        <translation>{file}, line {line}: {problem}</translation>
    </message>
    <message>
        <source>{file}: {problem}</source>
        <translation>{file}: {problem}</translation>
    </message>
    <message>
        <source>ảnh &quot;{value}&quot; trong bước {step} phải là tên một tệp .svg trong thư mục images/</source>
        <translation>the picture &quot;{value}&quot; in step {step} must be the name of an .svg file in the images/ folder</translation>
    </message>
    <message>
        <source>ảnh SVG bị hỏng ({detail})</source>
        <translation>the SVG picture is damaged ({detail})</translation>
    </message>
</context>
<context>
    <name>helper_home</name>
    <message>
        <source>Chữ ký số</source>
        <translation>Digital signature</translation>
    </message>
    <message>
        <source>Chữ ký số MySign</source>
        <translation>MySign signature</translation>
    </message>
    <message>
        <source>Chữ ký số SmartCA</source>
        <translation>SmartCA signature</translation>
    </message>
    <message>
        <source>Hồ sơ được duyệt hoặc hoàn tất sau đó</source>
        <translation>The dossier was approved or completed later</translation>
    </message>
    <message>
        <source>Hỗ trợ khác</source>
        <translation>Other help</translation>
    </message>
    <message>
        <source>Kết quả bị từ chối hoặc hủy sau đó</source>
        <translation>The result was refused or cancelled later</translation>
    </message>
    <message>
        <source>Lúc trước chọn nhầm kết quả</source>
        <translation>The wrong outcome was chosen before</translation>
    </message>
    <message>
        <source>Người dân quay lại làm tiếp</source>
        <translation>The citizen came back to continue</translation>
    </message>
    <message>
        <source>Nộp hồ sơ</source>
        <translation>Online filing</translation>
    </message>
    <message>
        <source>Sổ sức khỏe</source>
        <translation>Health book</translation>
    </message>
    <message>
        <source>TK Dịch vụ công</source>
        <translation>Portal account</translation>
    </message>
    <message>
        <source>TK không tiền mặt</source>
        <translation>Cashless account</translation>
    </message>
    <message>
        <source>Thanh toán</source>
        <translation>Payment</translation>
    </message>
    <message>
        <source>VNeID mức 1</source>
        <translation>VNeID level 1</translation>
    </message>
    <message>
        <source>VNeID mức 2</source>
        <translation>VNeID level 2</translation>
    </message>
    <message>
        <source>VssID</source>
        <translation>VssID</translation>
    </message>
    <message>
        <source>bản điều chỉnh</source>
        <translation>correction</translation>
    </message>
    <message>
        <source>bỏ dở</source>
        <translation>abandoned</translation>
    </message>
    <message>
        <source>chưa xong</source>
        <translation>not finished</translation>
    </message>
    <message>
        <source>xong</source>
        <translation>done</translation>
    </message>
    <message>
        <source>đã điều chỉnh</source>
        <translation>corrected</translation>
    </message>
</context>
<context>
    <name>i18n</name>
    <message>
        <source>Chưa có bản dịch tiếng Anh ({file}). Hãy báo cán bộ CNTT chạy scripts/setup.sh.</source>
        <translation>The English translation ({file}) is missing. Ask the IT officer to run scripts/setup.sh.</translation>
    </message>
</context>
<context>
    <name>identity</name>
    <message>
        <source>Ba số đầu của số định danh ({code}) không phải mã tỉnh, thành phố nào trong danh mục. Hãy kiểm tra lại số; nếu trên thẻ đúng như vậy, hãy báo quản trị viên bổ sung danh mục.</source>
        <translation>The first three digits of the ID number ({code}) are not the code of any province or city in the list. Check the number again; if the card really shows it, ask the administrator to add it to the list.</translation>
    </message>
    <message>
        <source>Chip không có nhóm dữ liệu cá nhân (DG13): không lấy được họ tên có dấu. Hãy quét mã QR hoặc nhập tay.</source>
        <translation>The chip has no personal data group (DG13): the full name with its diacritics cannot be read. Scan the QR code or type the details in.</translation>
    </message>
    <message>
        <source>Chưa có họ và tên.</source>
        <translation>The full name is missing.</translation>
    </message>
    <message>
        <source>Giới tính phải là “Nam” hoặc “Nữ”.</source>
        <translation>Sex must be “Nam” (male) or “Nữ” (female).</translation>
    </message>
    <message>
        <source>Họ và tên có ký tự không hợp lệ. Hãy kiểm tra và nhập lại.</source>
        <translation>The full name contains characters that are not allowed. Check it and type it again.</translation>
    </message>
    <message>
        <source>Họ và tên không được chứa chữ số.</source>
        <translation>The full name must not contain digits.</translation>
    </message>
    <message>
        <source>Họ và tên quá dài (tối đa {limit} ký tự).</source>
        <translation>The full name is too long (at most {limit} characters).</translation>
    </message>
    <message>
        <source>Máy quét đọc sai chữ tiếng Việt trong mã QR. Hãy quét lại; nếu vẫn lỗi, chuyển máy quét sang chế độ cổng COM (không dùng chế độ bàn phím) hoặc nhập tay.</source>
        <translation>The scanner misread the Vietnamese letters in the QR code. Scan again; if it still goes wrong, switch the scanner to COM port mode (not keyboard mode) or type the details in.</translation>
    </message>
    <message>
        <source>Mã QR có 6 trường, thiếu ô số chứng minh nhân dân cũ: đây không phải mã do thẻ căn cước tạo ra. Hãy quét mã QR trên thẻ hoặc nhập tay.</source>
        <translation>The QR code has 6 fields and no place for the old ID card (CMND) number: it was not made from an ID card. Scan the QR code on the card or type the details in.</translation>
    </message>
    <message>
        <source>Mã QR không có nội dung. Hãy quét lại mã trên thẻ.</source>
        <translation>The QR code is empty. Scan the code on the card again.</translation>
    </message>
    <message>
        <source>Mã QR không ở dạng chữ UTF-8 như mã trên thẻ căn cước. Hãy quét lại hoặc nhập tay.</source>
        <translation>The QR code is not UTF-8 text like the code on an ID card. Scan again or type the details in.</translation>
    </message>
    <message>
        <source>Mã QR này chỉ chứa một dãy số, không phải mã QR trên thẻ căn cước. Hãy quét mã QR trên thẻ hoặc nhập tay.</source>
        <translation>This QR code holds only a number; it is not the QR code on an ID card. Scan the QR code on the card or type the details in.</translation>
    </message>
    <message>
        <source>Mã QR này không phải mã QR trên thẻ căn cước. Hãy quét mã QR ở mặt trước thẻ CCCD gắn chip hoặc mặt sau thẻ Căn cước.</source>
        <translation>This is not the QR code of an ID card. Scan the QR code on the front of a chip-based CCCD card or on the back of a Căn cước card.</translation>
    </message>
    <message>
        <source>Mã QR thiếu thông tin: chỉ có {count} trường, mã trên thẻ căn cước có ít nhất 7. Hãy quét lại.</source>
        <translation>The QR code is incomplete: it has only {count} fields, while the code on an ID card has at least 7. Scan again.</translation>
    </message>
    <message>
        <source>Ngày cấp không phải một ngày có thật.</source>
        <translation>The date of issue is not a real date.</translation>
    </message>
    <message>
        <source>Ngày cấp phải viết dạng ngày/tháng/năm, ví dụ 05/09/2021.</source>
        <translation>Write the date of issue as day/month/year, for example 05/09/2021.</translation>
    </message>
    <message>
        <source>Ngày cấp thẻ không thể sau ngày hôm nay.</source>
        <translation>The date of issue cannot be after today.</translation>
    </message>
    <message>
        <source>Ngày cấp thẻ không thể trước ngày sinh.</source>
        <translation>The date of issue cannot be before the date of birth.</translation>
    </message>
    <message>
        <source>Ngày cấp trong mã QR không đúng dạng ngày tháng năm.</source>
        <translation>The date of issue in the QR code is not a day/month/year date.</translation>
    </message>
    <message>
        <source>Ngày sinh không phải một ngày có thật.</source>
        <translation>The date of birth is not a real date.</translation>
    </message>
    <message>
        <source>Ngày sinh không thể sau ngày hôm nay.</source>
        <translation>The date of birth cannot be after today.</translation>
    </message>
    <message>
        <source>Ngày sinh phải viết dạng ngày/tháng/năm, ví dụ 05/09/1990.</source>
        <translation>Write the date of birth as day/month/year, for example 05/09/1990.</translation>
    </message>
    <message>
        <source>Ngày sinh trong mã QR không đúng dạng ngày tháng năm.</source>
        <translation>The date of birth in the QR code is not a day/month/year date.</translation>
    </message>
    <message>
        <source>Số chứng minh nhân dân cũ phải gồm đúng 9 chữ số.</source>
        <translation>The old ID card (CMND) number must have exactly 9 digits.</translation>
    </message>
    <message>
        <source>Số định danh cá nhân phải gồm đúng 12 chữ số.</source>
        <translation>The personal ID number must have exactly 12 digits.</translation>
    </message>
    <message>
        <source>Số định danh không khớp với giới tính: chữ số thứ tư của số là số chẵn với Nam, số lẻ với Nữ.</source>
        <translation>The ID number does not match the sex: its fourth digit is even for men and odd for women.</translation>
    </message>
    <message>
        <source>Số định danh không khớp với ngày sinh: chữ số thứ tư chỉ người sinh trong những năm {first}–{last}.</source>
        <translation>The ID number does not match the date of birth: its fourth digit stands for people born in the years {first}–{last}.</translation>
    </message>
    <message>
        <source>Số định danh không khớp với năm sinh: chữ số thứ năm và thứ sáu phải là hai số cuối của năm sinh.</source>
        <translation>The ID number does not match the year of birth: its fifth and sixth digits must be the last two digits of the year of birth.</translation>
    </message>
    <message>
        <source>Số định danh đã hủy trong mã QR trùng với số định danh hiện tại: mã này không do thẻ căn cước tạo ra. Hãy quét mã QR trên thẻ hoặc nhập tay.</source>
        <translation>The cancelled ID number in the QR code is the same as the current ID number: no ID card makes such a code. Scan the QR code on the card or type the details in.</translation>
    </message>
    <message>
        <source>Đây là mã QR chuyển khoản ngân hàng (VietQR), không phải mã QR trên thẻ căn cước.</source>
        <translation>This is a bank transfer QR code (VietQR), not the QR code on an ID card.</translation>
    </message>
    <message>
        <source>Đây là mã QR chứa địa chỉ trang web, không phải mã QR trên thẻ căn cước.</source>
        <translation>This QR code holds a web address; it is not the QR code on an ID card.</translation>
    </message>
    <message>
        <source>Đây là mã QR danh thiếp hoặc thông tin liên hệ (số điện thoại, email), không phải mã QR trên thẻ căn cước.</source>
        <translation>This is a business card or contact QR code (phone number, email), not the QR code on an ID card.</translation>
    </message>
    <message>
        <source>Đây là mã QR kết nối Wi-Fi, không phải mã QR trên thẻ căn cước.</source>
        <translation>This is a Wi-Fi QR code, not the QR code on an ID card.</translation>
    </message>
    <message>
        <source>Đây là mã QR thanh toán, không phải mã QR trên thẻ căn cước.</source>
        <translation>This is a payment QR code, not the QR code on an ID card.</translation>
    </message>
</context>
<context>
    <name>printers</name>
    <message>
        <source>Biên nhận không phải tệp PDF hoặc ảnh PNG nên không đưa vào hàng in được.</source>
        <translation>The receipt is not a PDF file or a PNG image, so it cannot be put in the print queue.</translation>
    </message>
    <message>
        <source>Không có lệnh in số {job_id}.</source>
        <translation>There is no print job number {job_id}.</translation>
    </message>
    <message>
        <source>Số ngày giữ lệnh in đã in không được âm.</source>
        <translation>The number of days to keep printed jobs must not be negative.</translation>
    </message>
    <message>
        <source>có cổng TCP không hợp lệ: {port} (1–65535)</source>
        <translation>has an invalid TCP port: {port} (1–65535)</translation>
    </message>
    <message>
        <source>có tùy chọn không hỗ trợ: {options}</source>
        <translation>has unsupported options: {options}</translation>
    </message>
    <message>
        <source>có tốc độ baud không hợp lệ: {baud} (1200–921600)</source>
        <translation>has an invalid baud rate: {baud} (1200–921600)</translation>
    </message>
    <message>
        <source>phải có tên cổng, ví dụ serial:/dev/ttyUSB0?baud=19200, serial:COM3</source>
        <translation>must name a port, for example serial:/dev/ttyUSB0?baud=19200, serial:COM3</translation>
    </message>
    <message>
        <source>phải có tên hoặc địa chỉ IP máy in, ví dụ tcp://192.168.1.50:9100</source>
        <translation>must have the printer&apos;s name or IP address, for example tcp://192.168.1.50:9100</translation>
    </message>
    <message>
        <source>phải là tcp://máy:9100, đường dẫn thiết bị như /dev/usb/lp0, hoặc serial:/dev/ttyUSB0?baud=19200</source>
        <translation>must be tcp://host:9100, a device path such as /dev/usb/lp0, or serial:/dev/ttyUSB0?baud=19200</translation>
    </message>
    <message>
        <source>tùy chọn {name} phải là 0 hoặc 1</source>
        <translation>the option {name} must be 0 or 1</translation>
    </message>
</context>
<context>
    <name>reports</name>
    <message>
        <source>Không ghi được tệp {path}: {reason}.</source>
        <translation>Cannot write the file {path}: {reason}.</translation>
    </message>
    <message>
        <source>Ngày {day} của quầy {counter} chưa chốt sổ; hãy chạy &apos;kiosk close-day&apos; trước khi in báo cáo Z.</source>
        <translation>Counter {counter}&apos;s day {day} has not been closed; run &apos;kiosk close-day&apos; before printing the Z report.</translation>
    </message>
    <message>
        <source>Quầy này chưa nối với cơ sở dữ liệu chung của trung tâm (khóa cấu hình database.central_url).</source>
        <translation>This counter is not connected to the centre&apos;s shared database (the database.central_url setting).</translation>
    </message>
    <message>
        <source>Đã chốt sổ ngày {day}, nhưng chưa ghi được báo cáo: {reason} Hãy chạy &apos;kiosk z-report --date {date} --out …&apos; để ghi lại.</source>
        <translation>The day {day} has been closed, but the reports were not written: {reason} Run &apos;kiosk z-report --date {date} --out …&apos; to write them again.</translation>
    </message>
</context>
<context>
    <name>scanner</name>
    <message>
        <source>Không mở được máy quét cầm tay ở cổng COM. Kiểm tra dây cắm USB, cổng đã chọn trong cài đặt, hoặc ứng dụng khác đang dùng cổng này; vẫn có thể quét bằng camera hoặc nhập tay.</source>
        <translation>The handheld scanner on the COM port cannot be opened. Check the USB cable, the port chosen in the settings, or whether another program is using this port; you can still scan with the camera or type the details in.</translation>
    </message>
    <message>
        <source>Máy quét cầm tay đang ở chế độ bàn phím nên chữ tiếng Việt bị đọc sai. Hãy chuyển máy quét sang chế độ cổng COM (USB-COM) theo sách hướng dẫn của máy, hoặc nhập tay.</source>
        <translation>The handheld scanner is in keyboard mode, so Vietnamese letters are misread. Switch the scanner to COM port mode (USB-COM) as its manual explains, or type the details in.</translation>
    </message>
    <message>
        <source>Mất kết nối với máy quét cầm tay. Kiểm tra dây cắm USB rồi quét lại.</source>
        <translation>Lost the connection to the handheld scanner. Check the USB cable, then scan again.</translation>
    </message>
</context>
<context>
    <name>scanning</name>
    <message>
        <source>Không tìm thấy mã QR trong ảnh. Hãy đưa mã QR trên thẻ lại gần camera, giữ yên và tránh lóa sáng, hoặc nhập tay.</source>
        <translation>No QR code was found in the picture. Bring the QR code on the card closer to the camera, hold it still and avoid glare, or type the details in.</translation>
    </message>
</context>
<context>
    <name>settings</name>
    <message>
        <source>Khóa cấu hình &apos;printing.device&apos; phải có địa chỉ máy in nhiệt khi printing.backend = &quot;escpos&quot; (ví dụ tcp://192.168.1.50:9100, /dev/usb/lp0, serial:/dev/ttyUSB0?baud=19200).</source>
        <translation>Setting &apos;printing.device&apos; must hold the thermal printer&apos;s address when printing.backend = &quot;escpos&quot; (for example tcp://192.168.1.50:9100, /dev/usb/lp0, serial:/dev/ttyUSB0?baud=19200).</translation>
    </message>
    <message>
        <source>Khóa cấu hình &apos;printing.device&apos; {reason}.</source>
        <translation>Setting &apos;printing.device&apos; {reason}.</translation>
    </message>
    <message>
        <source>Khóa cấu hình &apos;printing.paper&apos; phải là 80mm hoặc 58mm khi printing.backend = &quot;escpos&quot; (giá trị: {value}).</source>
        <translation>Setting &apos;printing.paper&apos; must be 80mm or 58mm when printing.backend = &quot;escpos&quot; (value: {value}).</translation>
    </message>
    <message>
        <source>Khóa cấu hình &apos;targets.{key}&apos; phải là tỉ lệ từ 0 đến 1, hoặc một số lượng (số nguyên lớn hơn 1) nếu tên khóa không kết thúc bằng _share (giá trị: {value}).</source>
        <translation>Setting &apos;targets.{key}&apos; must be a share from 0 to 1, or a count (a whole number above 1) if the key does not end in _share (value: {value}).</translation>
    </message>
    <message>
        <source>Khóa cấu hình &apos;{key}&apos; không được hỗ trợ (tệp {path}).</source>
        <translation>Setting &apos;{key}&apos; is not supported (file {path}).</translation>
    </message>
    <message>
        <source>Khóa cấu hình &apos;{key}&apos; {reason} (giá trị: {value}).</source>
        <translation>Setting &apos;{key}&apos; {reason} (value: {value}).</translation>
    </message>
    <message>
        <source>Không đọc được tệp cấu hình {path} ({reason}); hãy kiểm tra quyền của tệp.</source>
        <translation>Cannot read the settings file {path} ({reason}); check the file&apos;s permissions.</translation>
    </message>
    <message>
        <source>Mục [{section}] trong tệp cấu hình phải là một bảng.</source>
        <translation>Section [{section}] of the settings file must be a table.</translation>
    </message>
    <message>
        <source>Tệp cấu hình {path} không phải văn bản UTF-8; hãy lưu lại tệp với mã UTF-8.</source>
        <translation>The settings file {path} is not UTF-8 text; save it again as UTF-8.</translation>
    </message>
    <message>
        <source>Tệp cấu hình {path} không đúng định dạng TOML (dòng {line}, cột {column}).</source>
        <translation>The settings file {path} is not valid TOML (line {line}, column {column}).</translation>
    </message>
    <message>
        <source>chỉ hỗ trợ sqlite:////đường/dẫn/tuyệt/đối/kiosk.sqlite3 hoặc postgresql+psycopg://người_dùng@máy/tên_csdl</source>
        <translation>must be sqlite:////absolute/path/kiosk.sqlite3 or postgresql+psycopg://user@host/database</translation>
    </message>
    <message>
        <source>có ký tự không hợp lệ (ký tự rỗng hoặc mã Unicode lẻ); hãy gõ lại giá trị</source>
        <translation>has an invalid character (a NUL or a lone Unicode surrogate); type the value again</translation>
    </message>
    <message>
        <source>database.central_url phải khác database.url: quầy làm việc trên cơ sở dữ liệu riêng và gửi dữ liệu lên cơ sở dữ liệu chung của trung tâm.</source>
        <translation>database.central_url must differ from database.url: the counter works on its own database and sends its data to the centre&apos;s shared database.</translation>
    </message>
    <message>
        <source>không có quyền đọc</source>
        <translation>no permission to read it</translation>
    </message>
    <message>
        <source>phải chỉ tới một tệp bằng đường dẫn tuyệt đối, ví dụ sqlite:////var/lib/quay-so/kiosk.sqlite3 (bốn dấu /)</source>
        <translation>must name a file by its absolute path, for example sqlite:////var/lib/quay-so/kiosk.sqlite3 (four slashes)</translation>
    </message>
    <message>
        <source>phải gồm 1–8 chữ cái in hoa hoặc chữ số, ví dụ Q01</source>
        <translation>must be 1–8 capital letters or digits, for example Q01</translation>
    </message>
    <message>
        <source>phải là một chuỗi chữ</source>
        <translation>must be text</translation>
    </message>
    <message>
        <source>phải là một số nguyên hữu hạn, không phải inf hay nan</source>
        <translation>must be a finite whole number, not inf or nan</translation>
    </message>
    <message>
        <source>phải là một trong: {options}</source>
        <translation>must be one of: {options}</translation>
    </message>
    <message>
        <source>phải là số nguyên</source>
        <translation>must be a whole number</translation>
    </message>
    <message>
        <source>phải là true hoặc false</source>
        <translation>must be true or false</translation>
    </message>
    <message>
        <source>phải là đường dẫn tuyệt đối tới tệp chứng chỉ, ví dụ /etc/quay-so/centre-ca.crt</source>
        <translation>must be an absolute path to a certificate file, e.g. /etc/quay-so/centre-ca.crt</translation>
    </message>
    <message>
        <source>phải nằm trong khoảng {low}–{high}</source>
        <translation>must be between {low} and {high}</translation>
    </message>
    <message>
        <source>{path} là một thư mục, không phải tệp cấu hình; hãy xóa thư mục đó hoặc chạy kiosk config init để tạo tệp.</source>
        <translation>{path} is a folder, not a settings file; remove the folder or run kiosk config init to create the file.</translation>
    </message>
</context>
<context>
    <name>speech</name>
    <message>
        <source>Không ghi được tệp âm thanh {path}.</source>
        <translation>Cannot write the sound file {path}.</translation>
    </message>
    <message>
        <source>Không phát được tiếng đọc: máy chưa có loa hoặc thiết bị âm thanh chưa sẵn sàng. Hãy kiểm tra loa, dây cắm và âm lượng, hoặc báo cán bộ CNTT.</source>
        <translation>Cannot play the reading: the computer has no speaker, or the sound device is not ready. Check the speaker, its cable and the volume, or tell the IT officer.</translation>
    </message>
    <message>
        <source>Không đọc to được nội dung này. Hãy báo cán bộ CNTT.</source>
        <translation>This could not be read aloud. Please tell the IT officer.</translation>
    </message>
    <message>
        <source>Máy chưa cài chương trình đọc to ({command}). Hãy báo cán bộ CNTT cài gói espeak-ng.</source>
        <translation>The read-aloud program ({command}) is not installed. Ask the IT officer to install the espeak-ng package.</translation>
    </message>
</context>
</TS>
