"""The starting text of a new privacy notice version: the secretariat edits it before publishing."""

DEFAULT_EN = """Purposes: to receive and evaluate applications for the Seoul Smart City Prize, to contact applicants \
and judges, to hold the award ceremony and to publish the winners.

Items collected: name, organisation, position, email address, phone number, country and city; the application \
and its documents; for judges, their expertise, scores and comments.

Retention: the data of applicants who do not win is anonymised after the retention period set for each edition; \
winners' published details are public record and stay published.

Your right to refuse: you may refuse this consent. Without it we cannot receive your application or your reviews.

Transfer abroad: the members of the Evaluation Committee live in many countries and read applications online; \
your application is transferred to them for that purpose only.

Your rights: to see and download a copy of your data, to correct it, to withdraw consent and to ask for erasure \
(My data page).
"""

DEFAULT_KO = """처리 목적: 서울스마트시티상 신청서 접수 및 심사, 신청자와 심사위원 연락, 시상식 개최, 수상자 발표.

수집 항목: 이름, 소속, 직위, 이메일 주소, 전화번호, 국가 및 도시; 신청서와 첨부 서류; 심사위원의 전문 분야, 점수 및 의견.

보유 기간: 수상하지 않은 신청자의 정보는 회차별 보유 기간이 지나면 익명화됩니다. 공개된 수상 정보는 공공 기록으로 유지됩니다.

동의를 거부할 권리: 동의를 거부할 수 있으나, 이 경우 신청서 접수 또는 심사가 불가능합니다.

국외 이전: 해외에 거주하는 심사위원이 온라인으로 신청서를 열람하며, 이 목적으로만 국외로 이전됩니다.

정보주체의 권리: 열람 및 사본 다운로드, 정정, 동의 철회, 삭제 요청 (내 정보 페이지).
"""
