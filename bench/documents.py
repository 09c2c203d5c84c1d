"""The document-rendering benchmark (tdkt/documents).

- 500 Bằng khen certificates for one decision (realistic Vietnamese names, positions and units
  from the shared name data): rendered in full mode, then each one signed (PAdES, demonstration
  certificate in a temporary directory); total seconds, seconds per certificate, the render/sign
  split and the mean file size. Target: well under 60 s for 500 on this 2-core machine
  (<= 0.05 s per certificate). The same batch is then rendered and signed over N processes
  with `tdkt.documents.batch.render_and_sign_certificates` (--workers, default: the CPU count,
  worker start-up included), and rendered in print-on-blank mode.
- one decision with a 500-row attached list, as PDF and as DOCX.

Pure Python, no database. Run it as `python -m bench.documents [--count N] [--rows N]`.
"""
import argparse
import datetime as dt
import json
import os
import random
import sys
import tempfile
import time

POSITIONS = ["Chuyên viên", "Chuyên viên chính", "Trưởng phòng", "Phó Trưởng phòng", "Kế toán viên",
             "Giáo viên", "Hiệu trưởng", "Phó Hiệu trưởng", "Bác sĩ", "Điều dưỡng", "Cán sự", "Kiểm lâm viên"]
UNITS = ["Phòng Ngân sách, Sở Tài chính", "Phòng Tổ chức cán bộ, Sở Nội vụ",
         "Trường Trung học phổ thông Lê Quý Đôn", "Trường Tiểu học Nguyễn Trãi",
         "Bệnh viện Đa khoa tỉnh", "Trung tâm Y tế huyện Kim Bảng", "Văn phòng Ủy ban nhân dân tỉnh",
         "Ủy ban nhân dân xã Thanh Hà", "Hạt Kiểm lâm huyện Thanh Liêm", "Sở Giáo dục và Đào tạo",
         "Phòng Kế hoạch - Tài chính, Sở Nông nghiệp và Môi trường"]
ACHIEVEMENTS = ["đã có thành tích xuất sắc trong công tác năm 2025",
                "đã có thành tích xuất sắc trong phong trào thi đua “Dạy tốt, học tốt” năm học 2024 - 2025",
                "đã hoàn thành xuất sắc nhiệm vụ năm 2025, góp phần vào sự nghiệp xây dựng và phát triển tỉnh"]


def _people(rng, count):
    from tdkt.demo import names

    out = []
    for _ in range(count):
        gender = rng.choice(["male", "female"])
        ethnic = names.ethnicity(rng)
        out.append((names.full_name(rng, gender, ethnic), f"{rng.choice(POSITIONS)}, {rng.choice(UNITS)}"))
    return out


def _certificates(rng, count):
    from tdkt.documents.certificate import CertificateDoc

    docs = []
    for i, (name, line) in enumerate(_people(rng, count), 1):
        serial = f"BK-2026-{i:06d}"
        docs.append(CertificateDoc(
            serial=serial, award_name="BẰNG KHEN", issuer_title="CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH HÀ NAM",
            recipient_name=name, recipient_line=line, achievement=rng.choice(ACHIEVEMENTS),
            decision_number="125/QĐ-UBND", decision_date=dt.date(2026, 1, 5), golden_book_number=str(i),
            place="Hà Nam", signed_on=dt.date(2026, 1, 5), sign_prefix="KT. CHỦ TỊCH",
            signer_title="PHÓ CHỦ TỊCH", signer_name="Lê Văn Hùng",
            verify_url=f"https://tdkt.hanam.gov.vn/tra-cuu/xac-thuc/{serial}?k={rng.getrandbits(48):012x}",
        ))
    return docs


def _decision(rng, rows):
    from tdkt.documents.decision import AwardGroup, DecisionDoc, Recipient

    individuals = [Recipient(i, name, line, "individual", 1_490_000)
                   for i, (name, line) in enumerate(_people(rng, rows - rows // 10), 1)]
    collectives = [Recipient(len(individuals) + i, f"Phòng {rng.choice(['Ngân sách', 'Tổng hợp', 'Hành chính'])}"
                             f", {rng.choice(UNITS).split(', ')[-1]}", "", "collective", 2_980_000)
                   for i in range(1, rows // 10 + 1)]
    return DecisionDoc(
        number="125/QĐ-UBND", signed_on=dt.date(2026, 1, 5), place="Hà Nam", upper_body="ỦY BAN NHÂN DÂN",
        issuer="TỈNH HÀ NAM", authority_title="CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH HÀ NAM",
        summary="Về việc tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
        bases=["Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 02 năm 2025;",
               "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
               "Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ;",
               "Xét đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số 310/TTr-SNV ngày 30 tháng 12 năm 2025,"],
        groups=[AwardGroup("Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
                           "đã có thành tích xuất sắc trong công tác năm 2025", individuals + collectives)],
        money_article="Kèm theo Bằng khen được thưởng theo quy định hiện hành từ nguồn kinh phí thi đua, "
                      "khen thưởng của tỉnh năm 2026.",
        execution_article="Quyết định này có hiệu lực kể từ ngày ký.\nChánh Văn phòng Ủy ban nhân dân tỉnh, "
                          "Giám đốc Sở Nội vụ và các tập thể, cá nhân có tên tại Điều 1 chịu trách nhiệm thi "
                          "hành Quyết định này./.",
        copies_to=["Như Điều 3;", "Lưu: VT, NV."], sign_prefix="KT. CHỦ TỊCH", signer_title="PHÓ CHỦ TỊCH",
        signer_name="Lê Văn Hùng")


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench.documents")
    parser.add_argument("--count", type=int, default=500, help="certificates to render and sign")
    parser.add_argument("--rows", type=int, default=500, help="rows in the decision's attached list")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                        help="processes for the parallel measurement (0 or 1 to skip it)")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)

    from tdkt.documents.batch import render_and_sign_certificates
    from tdkt.documents.certificate import DEFAULT_LAYOUTS, render_certificates_pdf
    from tdkt.documents.decision import render_decision_docx, render_decision_pdf
    from tdkt.documents.signing import ensure_demo_signer, sign_pdf, verify_pdf

    rng = random.Random(args.seed)
    docs = _certificates(rng, args.count)
    layout = DEFAULT_LAYOUTS["bang_khen"]
    result = {"benchmark": "documents", "cpus": os.cpu_count(), "certificates": args.count}

    with tempfile.TemporaryDirectory() as signer_dir:
        start = time.perf_counter()
        ensure_demo_signer(signer_dir)
        sign_pdf(render_certificates_pdf(docs[:1], layout)[0], signer_dir)  # warm fonts and key
        result["warm_up_s"] = round(time.perf_counter() - start, 2)

        start = time.perf_counter()
        pdfs = render_certificates_pdf(docs, layout)
        render_s = time.perf_counter() - start
        start = time.perf_counter()
        signed = [sign_pdf(pdf, signer_dir) for pdf in pdfs]
        sign_s = time.perf_counter() - start
        total = render_s + sign_s
        result.update({
            "total_s": round(total, 2), "per_certificate_s": round(total / args.count, 4),
            "render_s": round(render_s, 2), "sign_s": round(sign_s, 2),
            "render_per_certificate_s": round(render_s / args.count, 4),
            "sign_per_certificate_s": round(sign_s / args.count, 4),
            "mean_unsigned_kb": round(sum(map(len, pdfs)) / len(pdfs) / 1024, 1),
            "mean_signed_kb": round(sum(map(len, signed)) / len(signed) / 1024, 1),
            "target_met": total < 60 and total / args.count <= 0.05,
        })
        start = time.perf_counter()
        checks = [verify_pdf(data, signer_dir) for data in signed[:20]]
        result["verify_per_file_s"] = round((time.perf_counter() - start) / len(checks), 4)
        result["verified_ok"] = all(c.valid for c in checks)

        if args.workers > 1:
            start = time.perf_counter()
            signed = render_and_sign_certificates(docs, layout, signer_dir, workers=args.workers)
            elapsed = time.perf_counter() - start
            result["parallel_workers"] = args.workers
            result["parallel_total_s"] = round(elapsed, 2)
            result["parallel_per_certificate_s"] = round(elapsed / args.count, 4)
            result["parallel_verified_ok"] = len(signed) == args.count and verify_pdf(signed[-1], signer_dir).valid

    start = time.perf_counter()
    blanks = render_certificates_pdf(docs, layout, print_on_blank=True)
    result["print_on_blank_render_s"] = round(time.perf_counter() - start, 2)
    result["print_on_blank_mean_kb"] = round(sum(map(len, blanks)) / len(blanks) / 1024, 1)

    decision = _decision(rng, args.rows)
    start = time.perf_counter()
    pdf = render_decision_pdf(decision)
    result["decision_rows"] = args.rows
    result["decision_pdf_s"] = round(time.perf_counter() - start, 2)
    result["decision_pdf_kb"] = round(len(pdf) / 1024, 1)
    start = time.perf_counter()
    docx = render_decision_docx(decision)
    result["decision_docx_s"] = round(time.perf_counter() - start, 2)
    result["decision_docx_kb"] = round(len(docx) / 1024, 1)
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
