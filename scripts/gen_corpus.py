#!/usr/bin/env python3
"""Deterministic generator of synthetic 法治政府建设情况报告 for tests and benchmarks.

    python scripts/gen_corpus.py OUT_DIR --n 1000 --seed 7 [--pairs 0.3] [--format txt]

Every report is written as ``OUT_DIR/{index:05d}_{year}_{issuer-hash8}.txt`` (UTF-8;
hash8 = first 8 hex digits of sha1(issuer)) and described by one line of
``OUT_DIR/truth.jsonl``::

    {"file", "issuer", "issuer_kind", "year", "parts": 4|5, "date": "{year+1}年1月d日",
     "style": {part, area, item, enum, cause_intro, punct, plan, leader},
     "areas":   [{"n", "title", "theme", "items": [{"n", "title"}]}],          # part 一
     "causes":  [{"n", "shortcoming", "theme", "reasons": [str], "enum"}],      # part 三
     "actions": [{"n", "theme", "kind", "key", "title",                         # part 四
                  "addresses": [n of the shortcoming of the same theme] or [],
                  "target": {"action", "text", "value", "unit"} | null}],
     "targets": [{"action", "text", "value", "unit"}],
     # only in reports of a consecutive-year pair:
     "pair": {"role": "first"|"second", "with": other file},
     # only in the second (year Y+1) report of a pair:
     "carried_out": [{"action": n in year Y's plan, "theme", "key", "area", "item", "item_title"}],
     "dropped": [n of year Y's actions that no measure of this report carries out]}

Themes are codes (pufa 法治宣传, zhifa 行政执法, juece 依法决策, gongkai 政务公开,
jiufen 矛盾纠纷化解, liliang 基层法治力量, fuwu 政务服务, jiandu 监督考核,
yingshang 营商环境, xuefa 学法用法).  ``key`` is the term that marks an action kind: it
occurs in the action and in the measure that carries it out, nowhere else in part 一.
Strings in the truth use ASCII ``,;:()``; about 30% of the reports print them full-width.
All randomness comes from ``random.Random`` instances seeded from ``--seed``; the global
``random`` module and ``hash()`` are never used, so the same seed and ``n`` give
byte-identical output.  Reports are generated and written one at a time (the only state
kept between reports is the previous report of a consecutive-year pair).

The sentences below are templates written for this generator; placeholders such as
``{n2}`` or ``{pct}`` are filled with random figures by ``Filler``.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

CN_NUM = "一二三四五六七八九十"
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩"

# --------------------------------------------------------------------------------------
# places and issuers
# --------------------------------------------------------------------------------------

PROVINCES = [
    "河北省", "山西省", "辽宁省", "吉林省", "黑龙江省", "江苏省", "浙江省", "安徽省",
    "福建省", "江西省", "山东省", "河南省", "湖北省", "湖南省", "广东省", "海南省",
    "四川省", "贵州省", "云南省", "陕西省", "甘肃省", "青海省", "内蒙古自治区",
    "广西壮族自治区", "宁夏回族自治区", "新疆维吾尔自治区", "西藏自治区",
]
MUNICIPALITIES = ["重庆市", "北京市", "上海市", "天津市"]

SYL1 = list("青石云龙桂柳清白金丰兴安宁平昌临永长东南西北凤鹤松竹梅桃杏荷泉溪湖江"
            "岭峰川阳华新福德仁义嘉和康泰瑞祥盛隆富乐翠碧蓝红黄紫玉银铜铁宝")
SYL2 = list("源溪山河桥坪湾塘岗林江州阳川口台田水峪沟滩庄集堡关门城亭岩坝滨州原陵丘")
FIRM_WORDS = list("正明德信诚衡和达华博恒睿鼎锦君泽法理公仁勤立远卓")
SUBPLACE = ["社区", "村", "小区", "居委会"]


def place_name(rng: random.Random) -> str:
    return rng.choice(SYL1) + rng.choice(SYL2)


@dataclass
class Issuer:
    name: str          # full name, used in title, issuer line and signature
    kind: str          # 街道办事处, 镇人民政府, 县司法局 …
    short: str         # 高笋塘街道 / 我局
    we: str            # how the body refers to itself in running text
    unit: str          # subordinate unit (社区, 村, 乡镇, 基层站所 …)
    secretary: str
    head: str
    superior: str
    local: str         # a place name usable for proper institutions

    @property
    def hash8(self) -> str:
        return hashlib.sha1(self.name.encode("utf-8")).hexdigest()[:8]


BUREAUS = [
    # (suffix after the place, level, short, unit)
    ("司法局", "县", "县司法局", "司法所"),
    ("司法局", "区", "区司法局", "司法所"),
    ("市场监督管理局", "市", "市市场监管局", "市场监管所"),
    ("市场监督管理局", "县", "县市场监管局", "市场监管所"),
    ("生态环境局", "市", "市生态环境局", "生态环境分局"),
    ("人力资源和社会保障局", "区", "区人力社保局", "基层服务站"),
    ("应急管理局", "县", "县应急管理局", "乡镇应急站"),
    ("自然资源和规划局", "市", "市自然资源和规划局", "自然资源所"),
    ("城市管理局", "区", "区城市管理局", "城管中队"),
    ("交通运输局", "县", "县交通运输局", "交通运输站"),
    ("教育局", "区", "区教育局", "中小学校"),
    ("农业农村局", "县", "县农业农村局", "农业服务中心"),
]


def make_issuer(rng: random.Random) -> Issuer:
    muni = rng.random() < 0.12
    prov = rng.choice(MUNICIPALITIES) if muni else rng.choice(PROVINCES)
    city = "" if muni else place_name(rng) + "市"
    lvl = rng.random()
    if lvl < 0.22:
        dist, name = place_name(rng), place_name(rng)
        full = f"{prov}{city}{dist}区{name}街道办事处"
        return Issuer(full, "街道办事处", f"{name}街道", "街道", "社区", "街道党工委书记",
                      "办事处主任", "区委、区政府", name)
    if lvl < 0.42:
        county, name = place_name(rng), place_name(rng)
        ctype = "区" if muni else "县"
        tp = rng.choice(["镇", "镇", "乡"])
        full = f"{prov}{city}{county}{ctype}{name}{tp}人民政府"
        return Issuer(full, f"{tp}人民政府", f"{name}{tp}", f"全{tp}", "村",
                      f"{tp}党委书记", f"{tp}长", f"{ctype}委、{ctype}政府", name)
    if lvl < 0.62:
        name = place_name(rng)
        ctype = "区" if muni or rng.random() < 0.5 else "县"
        full = f"{prov}{city}{name}{ctype}人民政府"
        unit = "街道" if ctype == "区" else "乡镇"
        sup = "市委、市政府"
        return Issuer(full, f"{ctype}人民政府", f"{name}{ctype}", f"全{ctype}", unit,
                      f"{ctype}委书记", f"{ctype}长", sup, name)
    suffix, level, short, unit = rng.choice(BUREAUS)
    name = place_name(rng)
    if muni:
        level = "区"
        full = f"{prov}{name}区{suffix}"
        short = short.replace("市", "区", 1) if short.startswith("市") else short.replace("县", "区", 1)
    elif level == "市":
        full = f"{prov}{name}市{suffix}"
    else:
        full = f"{prov}{city}{name}{level}{suffix}"
    sup = {"市": "市委、市政府", "县": "县委、县政府", "区": "区委、区政府"}[level]
    return Issuer(full, f"{level}{suffix}", short, "我局", unit, "局党组书记", "局长", sup, name)


# --------------------------------------------------------------------------------------
# themes: pools of area headings, measure titles, body sentences, shortcomings, causes
# and action kinds.  An action kind's ``key`` occurs only in its own action / done texts.
# --------------------------------------------------------------------------------------

@dataclass
class ActionKind:
    key: str
    titles: list[str]
    bodies: list[str]
    target: tuple[str, int, int, str] | None
    done_titles: list[str]
    done_bodies: list[str]


@dataclass
class Theme:
    code: str
    name: str
    areas: list[str]
    titles: list[str]
    bodies: list[str]
    shortfalls: list[tuple[str, str]]
    causes: list[str]
    actions: list[ActionKind] = field(default_factory=list)


A = ActionKind
THEMES: list[Theme] = [
    Theme(
        "pufa", "法治宣传",
        ["法治宣传教育深入开展", "全民普法工作扎实推进", "法治社会建设氛围日益浓厚", "普法依法治理水平持续提升"],
        ["普法责任制有效落实", "重要节点普法集中开展", "法治文化阵地建设加快", "重点人群普法持续推进",
         "“法治带头人”队伍不断壮大", "以案释法深入人心", "民主法治创建成效明显"],
        ["制定年度普法依法治理工作要点,将普法任务分解到{n1}个责任单位,逐项明确完成时限。",
         "围绕宪法宣传周、民法典宣传月等时间节点,组织开展主题宣传活动{n2}场,发放宣传手册{wan}万余份。",
         "在{place}新建法治文化广场{n1}处、法治长廊{n1}条,把法治元素融入群众日常生活。",
         "组织律师、{inst}工作人员走进校园、企业、农村开展法治讲座{n2}场,受众{wan}万余人次。",
         "培育“法治带头人”{n2}名,实现{unit}普法骨干全覆盖。",
         "选取身边典型案例编印以案释法读本{n1}册,组织群众旁听庭审{n1}次。",
         "{n1}个{unit}成功创建省级民主法治示范点,{n1}个获评市级示范点。",
         "结合赶集日、农闲时节设置流动普法咨询台,现场解答群众法律咨询{n3}人次。",
         "针对老年人防诈骗、青少年网络安全等需求开展专题宣讲,群众法治知晓率达{pct}%。",
         "把法治宣传融入乡风文明建设,在{place}开设“法治夜校”{n1}期,参学群众{n3}人次。",
         "利用广播、宣传栏、电子显示屏滚动播放法治宣传标语,营造浓厚法治氛围。",
         "组织开展“法治进校园”活动{n1}场,聘任法治副校长{n1}名。"],
        [("普法宣传针对性和实效性不强", "普法活动仍以摆摊设点、发放资料为主,内容与群众实际需求结合不够,部分活动存在重形式、轻效果的情况。"),
         ("法治宣传覆盖不够均衡", "偏远{unit}和流动人口、外出务工人员等群体接受普法的机会较少,法治宣传仍存在盲区。"),
         ("普法载体和手段较为单一", "运用短视频、直播等新媒体开展普法的能力不足,线上普法内容更新慢、互动少,吸引力不强。")],
        ["普法工作缺少前期需求调研,供需对接不够精准", "专职普法人员少,多由其他岗位人员兼任,精力投入有限",
         "普法经费保障不足,难以支撑常态化、多样化的宣传活动", "对普法效果缺乏科学评估,考核多看活动场次、少看群众获得感",
         "新媒体运营人才缺乏,线上普法阵地建设滞后", "“谁执法谁普法”责任制落实不够到位,部门协同不足"],
        [A("新媒体普法矩阵", ["拓展新媒体普法阵地", "打造线上线下融合的普法格局"],
           ["依托微信公众号、短视频平台建设新媒体普法矩阵,定期推送原创普法作品。",
            "邀请{inst}工作人员参与普法微视频创作,用群众身边的事讲清法律道理。"],
           ("全年推送普法微视频不少于{N}条", 20, 80, "条"),
           ["新媒体普法矩阵初具规模", "线上普法阵地持续拓展"],
           ["建成以微信公众号、短视频账号为主体的新媒体普法矩阵,全年推送原创普法微视频{N2}条,累计播放{wan}万余次。",
            "借助新媒体普法矩阵开展线上有奖答题{n1}期,参与群众{n4}人次。"]),
         A("精准普法", ["推进分众化精准普法", "提升普法的精准度"],
           ["针对青少年、老年人、新业态从业人员等群体分类制定普法清单,开展精准普法。",
            "建立群众法治需求征集台账,按需“点单”、按单“配送”普法服务。"],
           ("全年开展法治宣传“进{unit}”活动不少于{N}场", 10, 60, "场"),
           ["精准普法有力推进", "分众化普法深入开展"],
           ["按照群众“点单”情况开展精准普法活动{N2}场,其中面向老年人的防诈骗专场{n1}场、面向中小学生的专场{n1}场。",
            "通过需求台账收集群众普法需求{n2}条,精准普法服务覆盖率达{pct}%。"]),
         A("法律明白人", ["壮大“法律明白人”队伍", "深化“法律明白人”培养工程"],
           ["按照每个{unit}不少于{n1}名的标准遴选培养“法律明白人”,开展分级分类培训。",
            "发挥“法律明白人”熟悉社情民意的优势,参与矛盾排查和身边普法。"],
           ("全年培训“法律明白人”不少于{N}人次", 50, 300, "人次"),
           ["“法律明白人”作用充分发挥", "“法律明白人”培养工程见效"],
           ["新遴选“法律明白人”{n2}名,开展集中培训{n1}期,累计培训{N2}人次。",
            "“法律明白人”全年参与调处纠纷{n2}件、开展身边普法{n3}次。"])],
    ),
    Theme(
        "zhifa", "行政执法",
        ["行政执法严格规范公正文明", "严格规范公正文明执法扎实推进", "行政执法质量持续提升"],
        ["执法“三项制度”全面落实", "执法队伍素质不断提升", "重点领域执法力度加大", "柔性执法方式积极推行",
         "执法案卷质量稳步提高", "综合执法改革深入推进"],
        ["全面推行行政执法公示、执法全过程记录和重大执法决定法制审核制度,全年公示执法信息{n3}条。",
         "现有持证执法人员{n2}名,执法人员持证上岗率达{pct}%。",
         "聚焦食品安全、安全生产、生态环境等领域开展专项整治{n1}次,立案查处违法行为{n2}件。",
         "对轻微违法行为依法不予处罚{n2}件,以说服教育、劝导示范代替简单处罚。",
         "全年办理行政处罚案件{yoy}。",
         "组织开展执法案卷交叉评查,抽查案卷{n2}卷,发现并整改问题{n2}个。",
         "整合城市管理、市场监管、农业农村等执法力量,推动“一支队伍管执法”。",
         "配备执法记录仪{n2}台,重点执法环节音像记录实现全覆盖。",
         "制定年度行政检查计划,随机抽取检查对象{n2}户,抽查结果全部向社会公开。",
         "严格执行罚缴分离制度,全年收缴罚没款{money}万元,全部上缴国库。",
         "建立行政执法与刑事司法衔接机制,向公安机关移送涉嫌犯罪案件{n1}件。"],
        [("行政执法规范化水平仍需提升", "个别执法人员程序意识不强,存在调查取证不充分、法律文书表述不严谨、自由裁量把握不准等情况。"),
         ("执法力量与执法任务不相匹配", "承接下放执法事项后,基层执法人员数量不足、专业结构不优,难以满足日常监管需要。"),
         ("智能化执法手段运用不足", "执法工作主要依靠人工巡查,信息化执法装备配备不足,发现问题的及时性不够。")],
        ["执法培训以集中授课为主,结合实战的案例化培训不足", "执法监督多为事后检查,对执法过程的动态监督不够",
         "执法人员编制有限,人员流动较频繁", "部分执法人员存在重实体、轻程序的思想",
         "执法信息化建设投入不足,系统之间数据不互通", "裁量标准细化不够,执法尺度难以统一"],
        [A("行政裁量权基准", ["严格落实行政裁量权基准制度", "规范行使行政裁量权"],
           ["细化量化行政裁量权基准,推动同类案件同等处理。",
            "定期检查行政裁量权基准执行情况,及时纠正畸轻畸重问题。"],
           ("全年开展执法案卷评查不少于{N}次", 2, 6, "次"),
           ["行政裁量权基准落地见效", "裁量权行使更加规范"],
           ["修订完善行政裁量权基准{n2}项,全年开展执法案卷评查{N2}次。",
            "严格执行行政裁量权基准,全年未发生因裁量不当被复议纠错的案件。"]),
         A("执法实战化培训", ["开展执法实战化培训", "提升执法人员业务能力"],
           ["围绕现场检查、调查取证、文书制作等环节开展执法实战化培训,以训促用。",
            "建立执法人员学法考试制度,考试结果与岗位调整挂钩。"],
           ("全年组织执法培训不少于{N}期", 4, 12, "期"),
           ["执法实战化培训深入开展", "执法人员能力明显增强"],
           ["采取模拟执法、案例研讨等方式开展执法实战化培训{N2}期,参训{n3}人次。",
            "经过执法实战化培训,执法文书规范率提升至{pct}%。"]),
         A("非现场执法", ["推广非现场执法", "提升执法信息化水平"],
           ["运用视频监控、在线监测等手段推行非现场执法,减少对市场主体的现场检查频次。",
            "依托执法监督平台实现执法数据实时归集、全程留痕。"],
           ("年内新增非现场执法点位不少于{N}个", 5, 40, "个"),
           ["非现场执法试点取得实效", "智慧执法能力持续提升"],
           ["新建非现场执法点位{N2}个,通过非现场执法发现并处置问题{n2}起。",
            "将非现场执法纳入日常监管,现场检查频次同比减少{p}%。"])],
    ),
    Theme(
        "juece", "依法决策",
        ["依法科学民主决策有序推进", "重大行政决策制度体系不断健全", "依法行政制度体系建设持续加强"],
        ["重大行政决策程序严格执行", "合法性审查全面覆盖", "法律顾问作用有效发挥", "规范性文件管理日趋规范",
         "集体决策制度落实到位", "公众参与渠道不断拓宽"],
        ["严格执行“三重一大”集体决策制度,全年召开集体研究会议{n2}次,研究重大事项{n2}项。",
         "坚持未经合法性审查不得提交讨论,全年审查重大决策、合同协议等{n2}件,提出审查意见{n2}条。",
         "聘请{firm}律师担任法律顾问,全年列席会议{n1}次,出具法律意见书{n2}份。",
         "对涉及群众切身利益的决策事项通过座谈会、问卷调查等方式听取意见{n1}次,收集意见建议{n2}条。",
         "开展行政规范性文件清理,废止{n1}件、修改{n1}件,规范性文件备案率达100%。",
         "对纳入决策范围的{n1}项事项全部按程序完成社会稳定风险评估。",
         "建立法律顾问列席重要会议制度,确保法律意见前置。",
         "重大民生事项在提交审议前均召开听证会或论证会,全年组织论证{n1}次。",
         "严格落实合同管理制度,审核各类合同{n2}份,挽回或避免经济损失{money}万元。",
         "所有提交集体讨论的议题均附合法性审查意见,议题规范率达100%。"],
        [("重大行政决策程序执行不够严格", "个别决策事项公众参与、专家论证环节走过场,决策前的风险评估不够充分。"),
         ("合法性审查力量薄弱", "合法性审查工作主要依靠外聘法律顾问,内部具备法律职业资格的人员较少,审查质量和效率有待提高。"),
         ("规范性文件管理仍有短板", "部分文件起草时调研论证不足,文件清理不够及时,存在与上位法衔接不紧的情况。")],
        ["对重大行政决策程序规定学习不深,程序意识有待增强", "决策事项时间紧、任务重,程序环节存在压缩现象",
         "法律顾问参与决策的时间和深度有限", "机构内缺少专职法制审核人员",
         "文件清理缺少常态化安排", "决策后评估制度落实不到位"],
        [A("重大行政决策事项目录", ["规范重大行政决策程序", "严把重大决策程序关"],
           ["编制并公布年度重大行政决策事项目录,严格落实公众参与、专家论证、风险评估、合法性审查和集体讨论决定程序。",
            "对已实施的重大决策选取部分事项开展决策后评估。"],
           ("年内对不少于{N}项重大决策开展后评估", 1, 5, "项"),
           ["重大决策程序刚性约束增强", "决策事项目录管理落实"],
           ["首次公布重大行政决策事项目录,纳入目录的{n1}项事项全部履行法定程序,并对{N2}项已实施决策开展后评估。",
            "依照重大行政决策事项目录逐项推进,公开征求意见{n2}条,采纳{n1}条。"]),
         A("公职律师", ["充实合法性审查力量", "加强法制审核队伍建设"],
           ["设立公职律师岗位,鼓励具备法律职业资格的干部担任公职律师。",
            "建立合法性审查台账,实行审查意见闭环管理。"],
           ("年内新增公职律师不少于{N}名", 1, 6, "名"),
           ["合法性审查力量得到充实", "公职律师队伍初步建成"],
           ["新增公职律师{N2}名,与法律顾问共同承担合法性审查工作,全年审查各类文件{n2}件。",
            "公职律师全年参与合同审查、信访处置等事务{n2}件次。"]),
         A("规范性文件动态清理", ["加强行政规范性文件管理", "健全规范性文件全周期管理"],
           ["建立规范性文件动态清理机制,对不符合上位法的文件及时修改或废止。",
            "严格落实规范性文件统一登记、统一编号、统一印发制度。"],
           None,
           ["文件管理更加规范", "规范性文件质量稳步提高"],
           ["建立规范性文件动态清理机制,全年清理文件{n2}件,废止{n1}件。",
            "按照规范性文件动态清理要求,对{n1}件文件作出修改并重新公布。"])],
    ),
    Theme(
        "gongkai", "政务公开",
        ["政务公开透明度持续提高", "行政权力运行公开透明", "阳光政务建设扎实推进"],
        ["主动公开内容不断丰富", "重点领域信息公开深入推进", "依申请公开办理规范", "政策宣传更加精准",
         "公开平台建设持续优化"],
        ["全年通过门户网站主动公开各类政府信息{n3}条,更新办事指南{n2}项。",
         "围绕财政预决算、重大建设项目、公共资源配置等重点领域及时公开信息,公开率达100%。",
         "受理依申请公开事项{n2}件,均在法定期限内答复,未发生因答复不当引发的复议诉讼。",
         "采用图解、动漫、短视频等形式宣传惠民政策{n2}次,提高政策知晓度。",
         "邀请人大代表、群众代表{n2}人参加“走进机关”活动,现场听取意见。",
         "在{place}设置政务公开专区,提供政府信息查阅、政策咨询等服务。",
         "梳理公开事项{n2}项,逐项明确公开主体、公开内容和公开时限。",
         "规范政府网站和政务新媒体管理,全年开展内容安全检查{n1}次。",
         "在{place}便民服务大厅设置政务公开查阅点,方便群众就近查阅。",
         "及时公开财政资金使用、低保救助、征地补偿等群众关心的信息,接受社会监督。"],
        [("政务公开质量有待提高", "部分公开信息更新不及时,公开内容重形式、轻实质,对政策的说明不够通俗。"),
         ("基层政务公开标准化程度不高", "基层公开事项梳理不够细致,各{unit}公开栏内容、格式不统一。"),
         ("公众参与和回应关切不够充分", "对群众关注的热点问题回应不够及时,利用公开平台收集民意的渠道较少。")],
        ["政务公开工作人员多为兼职,业务能力参差不齐", "公开审查和更新机制不健全", "对政务公开工作重视程度不够",
         "信息化平台功能不完善", "缺少对公开效果的评估和反馈", "部门间信息共享不畅"],
        [A("政策问答库", ["提升政策解读回应质效", "做实政策解读和回应关切"],
           ["建立政策问答库,对涉企、惠民政策实行“一政策一解读”。",
            "完善舆情回应机制,对群众关切问题在规定时限内作出回应。"],
           ("全年发布政策解读不少于{N}篇", 10, 60, "篇"),
           ["政策解读更加通俗易懂", "回应关切及时有效"],
           ["建成政策问答库,收录常见问题{n3}条,全年发布政策解读{N2}篇。",
            "依托政策问答库答复群众咨询{n3}次,答复满意率{pct}%。"]),
         A("政务公开标准目录", ["推进基层政务公开标准化规范化", "统一基层政务公开标准"],
           ["动态更新政务公开标准目录,统一{unit}公开栏样式和内容。",
            "对公开事项实行清单化管理,定期开展自查。"],
           ("年内完成不少于{N}个公开栏标准化改造", 3, 20, "个"),
           ["基层政务公开标准化取得进展", "公开栏规范化改造完成"],
           ["修订政务公开标准目录,完成{N2}个公开栏标准化改造。",
            "对照政务公开标准目录开展自查{n1}次,整改问题{n2}个。"]),
         A("政府开放日", ["拓宽公众参与渠道", "丰富公众参与形式"],
           ["常态化举办政府开放日活动,邀请群众代表参与监督评议。",
            "在决策草案公开征求意见后及时反馈采纳情况。"],
           ("全年举办政府开放日活动不少于{N}场", 2, 8, "场"),
           ["公众参与渠道有效拓宽", "开门问政常态开展"],
           ["举办政府开放日活动{N2}场,接待群众代表{n3}人次,收集意见建议{n2}条。",
            "结合政府开放日开展“我为政府提建议”活动,采纳建议{n1}条。"])],
    ),
    Theme(
        "jiufen", "矛盾纠纷化解",
        ["社会矛盾纠纷依法有效化解", "多元化解机制不断健全", "基层社会治理法治化水平提升"],
        ["人民调解作用充分发挥", "矛盾纠纷排查常态开展", "信访工作法治化深入推进", "行政复议主渠道作用凸显",
         "诉源治理成效明显", "专业调解组织不断完善"],
        ["依托{inst}和各{unit}调委会走访排查{n2}次,调处各类纠纷{n3}件,调解成功率{pct}%。",
         "深化{mech}工作机制,推动{inst}、{inst}协同联动,全年联合化解疑难纠纷{n2}件。",
         "落实领导干部接访下访制度,全年接待来访群众{n3}人次,信访事项按期办结率100%。",
         "全年受理行政复议申请{yoy}。",
         "在婚姻家庭、物业服务、劳动争议等领域设立专业调解室{n1}个。",
         "辖区发生各类民间纠纷{yoy},未发生民转刑案件。",
         "组织网格员每日走访,及时发现并上报苗头性问题{n3}条。",
         "依托“{name}和事佬”等品牌调解室,就地化解邻里、家庭纠纷{n2}件。",
         "开展矛盾纠纷集中排查化解专项行动{n1}次,化解信访积案{n1}件。",
         "推进诉调对接,与{inst}联合设立诉前调解工作室,诉前分流化解纠纷{n2}件。",
         "对排查出的重点矛盾纠纷实行领导包案,包案化解率达{pct}%。"],
        [("矛盾纠纷源头预防不够有力", "部分矛盾纠纷在萌芽阶段未能及时发现,小纠纷演变为信访事项的情况仍有发生。"),
         ("调解专业化水平不高", "人民调解员年龄偏大、法律知识不足,面对物业、劳资等专业性较强的纠纷调处能力有限。"),
         ("多元化解合力尚未完全形成", "调解、仲裁、诉讼、信访等化解渠道衔接不够顺畅,部门间信息共享和协同处置不够及时。")],
        ["网格员发现问题的能力参差不齐,信息上报不及时", "专职调解员数量少,以兼职为主",
         "调解员培训和激励保障机制不健全", "部门之间缺乏常态化会商机制",
         "部分群众“信访不信法”的观念仍然存在", "化解工作经费保障不足"],
        [A("调解员等级评定", ["提升人民调解专业化水平", "加强调解员队伍建设"],
           ["开展调解员等级评定,以案定补、以奖代补激发调解员积极性。",
            "吸纳退休法官、律师等专业人士担任兼职调解员。"],
           ("全年开展调解员业务培训不少于{N}期", 2, 8, "期"),
           ["调解队伍专业化水平提高", "人民调解员队伍持续优化"],
           ["启动调解员等级评定,{n2}名调解员取得相应等级,全年开展业务培训{N2}期。",
            "将调解员等级评定结果与补贴挂钩,吸纳退休政法干警{n1}名担任兼职调解员。"]),
         A("矛盾纠纷多元化解中心", ["健全多元化解联动机制", "推动矛盾纠纷“一站式”化解"],
           ["整合调解、信访、法律服务等资源,建设矛盾纠纷多元化解中心,实行一个窗口受理、分流交办。",
            "建立联席会商制度,每月研判疑难复杂纠纷。"],
           ("矛盾纠纷化解率保持在{N}%以上", 90, 98, "%"),
           ["多元化解平台实体化运行", "“一站式”化解格局形成"],
           ["建成矛盾纠纷多元化解中心,入驻调解组织{n1}个,全年受理纠纷{n3}件,化解率{N2}%。",
            "矛盾纠纷多元化解中心实行分流交办,召开联席会商会议{n1}次。"]),
         A("纠纷排查预警", ["强化矛盾纠纷源头预防", "完善纠纷排查预警机制"],
           ["建立“周排查、月研判”纠纷排查预警机制,做到早发现、早介入、早化解。",
            "对重点人员、重点矛盾实行清单管理、动态销号。"],
           ("每月开展集中排查不少于{N}次", 1, 4, "次"),
           ["源头预防能力增强", "矛盾风险预警更加灵敏"],
           ["运行纠纷排查预警机制,每月集中排查{N2}次,预警苗头性问题{n2}件。",
            "通过纠纷排查预警,提前化解群体性矛盾隐患{n1}起。"])],
    ),
    Theme(
        "liliang", "基层法治力量",
        ["基层法治队伍建设持续加强", "法治工作基础不断夯实", "法治保障能力稳步提升"],
        ["司法所规范化建设推进", "法治联络员配备到位", "法律顾问覆盖全面", "公共法律服务网络完善",
         "干部实践锻炼加强"],
        ["推进{inst}规范化建设,落实办公用房和设备,实现场所、人员、经费“三到位”。",
         "为{n2}个{unit}明确法治联络员,与{firm}等{n1}家律所建立结对服务关系。",
         "实现“一{unit}一法律顾问”全覆盖,全年法律顾问提供法律咨询{n3}人次。",
         "建成公共法律服务工作站{n1}个、工作室{n2}个,办理法律援助案件{n2}件。",
         "选派{n1}名年轻干部到{inst}跟班学习,提升实际工作能力。",
         "将法治工作经费纳入财政预算,安排专项资金{money}万元。",
         "组织法治工作人员参加业务培训{n1}期,累计培训{n3}人次。",
         "与{firm}签订法律服务协议,律师每周到{place}坐班{n1}天。",
         "落实法律援助经费{money}万元,为困难群众提供法律援助{n2}件。"],
        [("基层法治工作力量不足", "基层法治工作人员身兼数职,专职力量偏少,法治工作往往让位于中心工作。"),
         ("法治人才结构不够合理", "具有法学专业背景和法律职业资格的人员占比较低,复合型法治人才缺乏。"),
         ("公共法律服务供给不够均衡", "优质法律服务资源主要集中在城区,偏远{unit}群众获取法律服务的便利度不高。")],
        ["基层编制紧张,法治岗位难以专人专用", "待遇保障和职业发展通道有限,法治人才留不住",
         "法治人才培养和引进机制不健全", "律师等专业资源下沉的激励措施不足",
         "基层法治工作经费投入有限", "对法治队伍建设的重视程度有待提高"],
        [A("法治专干", ["充实基层法治工作力量", "配齐配强法治工作人员"],
           ["为每个{unit}配备专职法治专干,明确工作职责和考核办法。",
            "统筹使用编制资源,优先保障法治岗位。"],
           ("年内新配备法治专干不少于{N}名", 3, 20, "名"),
           ["基层法治力量得到加强", "法治工作队伍进一步充实"],
           ["新配备法治专干{N2}名,各{unit}法治工作实现有人干事、有章理事。",
            "组织法治专干集中培训{n1}次,轮岗交流{n1}人。"]),
         A("法治人才库", ["加强法治人才培养引进", "建设法治人才梯队"],
           ["建立法治人才库,将具有法学背景的干部纳入重点培养对象。",
            "通过公开招录、遴选等方式引进法律专业人才。"],
           ("年内引进法律专业人才不少于{N}名", 1, 6, "名"),
           ["法治人才梯队逐步形成", "法治人才培养引进取得突破"],
           ["建立法治人才库,入库人员{n2}名,引进法律专业人才{N2}名。",
            "从法治人才库中选派{n1}名干部参加上级业务培训。"]),
         A("律师驻点", ["推动优质法律服务资源下沉", "完善公共法律服务网络"],
           ["组织律师驻点{unit}提供法律服务,推动公共法律服务向偏远地区延伸。",
            "推行“线上+线下”法律咨询,缩短群众获取法律服务的距离。"],
           ("全年组织律师驻点服务不少于{N}次", 20, 120, "次"),
           ["法律服务资源有效下沉", "公共法律服务更加便捷"],
           ["联合{firm}开展律师驻点服务{N2}次,解答法律咨询{n3}人次。",
            "律师驻点期间代写法律文书{n2}份,引导群众通过法律途径解决问题。"])],
    ),
    Theme(
        "fuwu", "政务服务",
        ["政府职能依法全面履行", "政务服务水平持续提升", "便民服务效能不断增强"],
        ["审批服务持续提速", "“一件事一次办”改革深化", "便民服务网点规范运行", "网上办事能力提升",
         "证明事项清理到位", "帮办代办服务优化"],
        ["动态调整权责清单,梳理行政权力事项{n3}项、公共服务事项{n2}项。",
         "推行“一件事一次办”,整合{n2}个高频事项,平均办理时限压缩{p}%。",
         "{n2}个便民服务站规范运行,全年办理各类事项{wan}万余件,群众满意率{pct}%。",
         "政务服务事项网上可办率达{pct}%,推动更多事项“掌上办”“就近办”。",
         "清理各类证明事项{n1}项,推行告知承诺制,减少群众跑腿次数。",
         "为残疾人等特殊群体提供帮办代办服务{n3}次。",
         "全年办理审批服务事项{yoy}。",
         "持续开展“减证便民”行动,申请材料平均精简{p}%。",
         "在{place}设立自助服务区,配备自助终端{n1}台,实现部分事项“全天候”办理。",
         "推行首问负责、一次告知、限时办结等制度,窗口服务规范化水平不断提升。"],
        [("政务服务便利度仍有差距", "部分事项办理环节多、材料多,线上线下服务融合不够,群众“多头跑”现象仍然存在。"),
         ("数字化服务能力不足", "政务服务系统之间数据共享不畅,网上办事体验不佳,部分老年人使用智能设备存在困难。")],
        ["业务系统由不同部门建设,数据壁垒尚未打通", "窗口工作人员业务培训不够", "事项标准化梳理不够精细",
         "对群众办事体验的调查评价不够", "基层便民服务站硬件设施老化"],
        [A("一网通办", ["深化“一网通办”改革", "提升网上办事便利度"],
           ["推动政务服务事项接入“一网通办”平台,实现数据共享、材料复用。",
            "优化网上办事指南,提高办事指引的准确性。"],
           ("年内新增全程网办事项不少于{N}项", 10, 60, "项"),
           ["网上办事更加便捷", "数字政务建设提速"],
           ["推动{N2}项事项实现全程网办,“一网通办”平台办件量同比增长{p}%。",
            "“一网通办”平台实现与{n1}个部门业务系统对接。"]),
         A("好差评", ["健全政务服务评价机制", "以评促改提升服务质量"],
           ["全面落实政务服务“好差评”制度,差评事项限期整改。",
            "聘请群众担任服务监督员,定期开展暗访。"],
           ("差评整改率达到{N}%", 95, 100, "%"),
           ["服务评价机制有效运行", "群众评价倒逼服务提升"],
           ["全面推行“好差评”制度,收集评价{n4}条,好评率{pct}%,差评整改率{N2}%。",
            "对“好差评”反映的问题逐条整改,优化办事流程{n1}项。"]),
         A("适老化", ["推进便民服务适老化改造", "关爱特殊群体办事需求"],
           ["对便民服务场所开展适老化改造,保留线下窗口和人工服务。",
            "组建志愿者队伍为老年人提供一对一指导。"],
           ("年内完成不少于{N}个服务站点适老化改造", 2, 15, "个"),
           ["特殊群体办事更加方便", "便民服务更有温度"],
           ["完成{N2}个服务站点适老化改造,设置爱心窗口{n1}个。",
            "在适老化改造后的站点为老年人提供上门办理服务{n2}次。"])],
    ),
    Theme(
        "jiandu", "监督考核",
        ["行政权力制约监督科学有效", "监督体系不断健全", "法治建设考核评价机制完善"],
        ["主动接受人大和政协监督", "督察检查扎实开展", "内部监督持续强化", "考核评价导向鲜明",
         "社会监督渠道畅通"],
        ["认真办理人大代表建议和政协委员提案{n2}件,办结率100%,满意率{pct}%。",
         "开展法治建设检查{n1}次,发现问题{n2}个,已全部整改到位。",
         "将法治建设成效纳入年度综合考核,所占权重提高到{n1}%。",
         "对重点岗位开展廉政风险排查,梳理风险点{n2}个,制定防控措施{n2}条。",
         "通过12345热线、信箱等渠道受理群众诉求{n4}件,按期办结率{pct}%。",
         "自觉接受审计监督,对审计发现问题逐项建立清单,明确责任人和完成时限。",
         "认真落实行政诉讼出庭应诉制度,行政机关负责人出庭应诉率达100%。",
         "聘请{n1}名特邀监督员,对依法行政情况开展常态化监督。",
         "对群众反映强烈的问题开展明察暗访{n1}次,通报典型问题{n1}个。"],
        [("监督合力有待增强", "各类监督之间贯通协调不够,对行政权力运行关键环节的日常监督不够精准。"),
         ("考核结果运用不够充分", "法治建设考核指标设置较为笼统,考核结果与干部评价、评先评优的联系不够紧密。")],
        ["监督信息共享机制尚不健全", "考核指标缺乏量化标准", "日常监督力量不足",
         "对考核发现的问题跟踪整改不够", "对监督工作重视程度不够均衡"],
        [A("专项督察", ["强化法治建设督察", "加大专项督察力度"],
           ["围绕重点任务开展专项督察,对发现问题实行清单化整改。",
            "督察结果在一定范围内通报,压实整改责任。"],
           ("全年开展专项督察不少于{N}次", 2, 6, "次"),
           ["督察问效力度加大", "督察整改闭环管理"],
           ["围绕重点任务开展专项督察{N2}次,督促整改问题{n2}个。",
            "对专项督察发现的问题实行挂号销号,整改完成率{pct}%。"]),
         A("考核指标体系", ["优化法治建设考核", "完善考核评价机制"],
           ["细化量化法治建设考核指标体系,把考核结果作为干部评价的重要依据。",
            "对考核排名靠后的单位进行约谈。"],
           None,
           ["考核指挥棒作用增强", "考核评价更加科学"],
           ["修订法治建设考核指标体系,设置量化指标{n2}项,考核结果与评先评优挂钩。",
            "按照新的考核指标体系完成年度考核,约谈排名靠后单位{n1}个。"]),
         A("监督贯通", ["推动各类监督贯通协调", "构建监督合力"],
           ["建立纪检监察、审计、司法行政等监督贯通协调机制,定期会商、共享信息。",
            "把法治建设纳入日常监督重点内容。"],
           ("全年召开监督联席会议不少于{N}次", 2, 6, "次"),
           ["监督合力逐步形成", "各类监督协同推进"],
           ["建立监督贯通协调机制,召开联席会议{N2}次,移交问题线索{n1}条。",
            "通过监督贯通协调,推动解决跨部门问题{n1}个。"])],
    ),
    Theme(
        "yingshang", "营商环境",
        ["法治化营商环境持续优化", "依法保障市场主体发展", "营商环境法治保障不断加强"],
        ["涉企服务精准高效", "企业诉求及时回应", "涉企检查规范有序", "民营经济发展有力保障",
         "公平竞争审查落实"],
        ["走访企业{n3}家,收集问题诉求{n2}条,已全部协调解决或作出解释说明。",
         "帮助{n2}家企业对接金融机构,融资{money}万元。",
         "统筹涉企检查计划,检查频次同比下降{p}%。",
         "对新出台政策措施开展公平竞争审查{n2}件,未发现排除限制竞争的内容。",
         "组织律师为企业开展法律咨询{n2}次,帮助企业防范合同、用工风险。",
         "清理拖欠中小企业账款{money}万元。",
         "建立领导干部联系重点企业制度,班子成员结对联系企业{n2}家。",
         "开展涉企收费专项检查,督促退还不合理收费{money}万元。",
         "在{place}设立企业服务驿站,为企业提供政策咨询、法律服务等“一站式”服务。"],
        [("涉企法治服务不够精准", "对企业法律需求了解不够深入,涉企法律服务以普遍性宣传为主,个性化服务较少。"),
         ("涉企执法检查有待进一步规范", "多头检查、重复检查问题在个别领域依然存在,企业迎检负担仍然较重。")],
        ["部门间检查计划统筹不够", "涉企服务力量分散", "对企业的法律需求调研不深",
         "企业诉求办理跟踪机制不健全", "营商环境评价结果运用不充分"],
        [A("法治体检", ["开展企业“法治体检”", "提升涉企法律服务精准度"],
           ["组织律师团队为企业开展“法治体检”,出具风险提示清单。",
            "建立企业法律需求清单,实行精准对接。"],
           ("全年为企业开展“法治体检”不少于{N}家次", 10, 80, "家次"),
           ["涉企法律服务更加精准", "企业法律风险防范能力增强"],
           ["组织律师团队为{N2}家次企业开展“法治体检”,出具法律风险提示书{n2}份。",
            "针对“法治体检”发现的问题开展专题培训{n1}场。"]),
         A("综合查一次", ["规范涉企执法检查", "减少对企业正常经营的干扰"],
           ["全面推行“综合查一次”,统筹制定年度涉企检查计划。",
            "推行首违不罚、轻微免罚清单制度。"],
           ("涉企检查频次同比减少{N}%以上", 10, 30, "%"),
           ["涉企检查更加规范", "企业迎检负担明显减轻"],
           ["推行“综合查一次”,开展联合检查{n2}次,涉企检查频次同比减少{N2}%。",
            "“综合查一次”覆盖{n1}个执法领域。"]),
         A("企业诉求直通车", ["畅通企业诉求反映渠道", "健全企业诉求办理机制"],
           ["开通企业诉求直通车,对企业诉求实行登记、办理、反馈闭环管理。",
            "定期召开政企座谈会,听取企业意见。"],
           ("企业诉求按期办结率达到{N}%", 95, 100, "%"),
           ["企业诉求办理提速增效", "政企沟通更加顺畅"],
           ["开通企业诉求直通车,受理诉求{n2}件,按期办结率{N2}%。",
            "经企业诉求直通车转办的事项全部实行回访。"])],
    ),
    Theme(
        "xuefa", "学法用法",
        ["领导干部学法用法常态化", "法治思维和依法行政能力提升", "干部法治素养不断提高"],
        ["理论中心组带头学法", "干部学法制度落实", "年度法治考试全员参加", "任前法律知识考试严格执行",
         "旁听庭审活动常态开展"],
        ["将习近平法治思想纳入理论学习中心组年度学习计划,全年集中学法{n1}次。",
         "组织开展会前学法{n2}次,学习《行政处罚法》《行政复议法》等法律法规。",
         "组织{n2}名工作人员参加年度网上学法考试,参考率、合格率均为100%。",
         "对新提拔干部开展任前法律知识测试,测试结果作为任职参考。",
         "组织干部旁听行政诉讼案件庭审{n1}次,以案促学。",
         "举办法治专题讲座{n1}场,邀请高校专家学者授课。",
         "组织干部参加法治理论知识网上培训,人均学习时长{n2}学时。",
         "把法治素养作为干部考察的重要内容,全年考察干部{n2}名。",
         "组织新录用公务员开展宪法宣誓,增强宪法意识。"],
        [("干部学法的系统性不够", "部分干部学法停留在读原文、听讲座层面,学用结合不够紧密,运用法治思维解决实际问题的能力有待提升。"),
         ("学法考核约束不强", "学法成效缺乏有效检验手段,学法情况与干部考核、选拔任用结合不够。")],
        ["学法计划安排较为笼统,针对性不强", "工作任务繁重,学法时间难以保证", "学法考核以参加考试为主,方式单一",
         "对学法用法的督促检查不够", "部分干部认为法治工作是法制机构的事"],
        [A("学法清单", ["推动学法常态化", "健全领导干部学法制度"],
           ["制定领导干部应知应会法律法规学法清单,按季度组织专题学法。",
            "把学法情况纳入干部教育培训档案。"],
           ("全年组织集中学法不少于{N}次", 4, 12, "次"),
           ["领导干部学法更加系统", "学法制度化水平提升"],
           ["印发应知应会学法清单,收录法律法规{n2}部,全年组织集中学法{N2}次。",
            "按照学法清单组织专题研讨{n1}次,形成学习心得{n2}篇。"]),
         A("述法", ["开展年终述法", "强化学法用法考核"],
           ["将年终述法纳入领导班子和领导干部年度考核,述法情况在一定范围内公开。",
            "对述法评议中发现的问题督促整改。"],
           ("年内组织述法评议不少于{N}场", 1, 3, "场"),
           ["学法用法考核更加有力", "领导干部履职尽责意识增强"],
           ["组织{N2}场年终述法评议,{n1}名领导干部现场述法。",
            "述法评议结果纳入年度考核,督促整改问题{n1}个。"]),
         A("案例教学", ["创新学法形式", "推行案例式学法"],
           ["编选本系统典型案例,开展案例教学和模拟法庭活动,提高干部运用法律的能力。",
            "邀请法官、检察官讲授行政诉讼败诉案例。"],
           ("全年开展案例教学不少于{N}场", 2, 8, "场"),
           ["学法形式不断创新", "干部运用法律能力提升"],
           ["开展案例教学{N2}场,编印典型案例汇编{n1}册。",
            "通过案例教学剖析行政败诉案件{n1}件,举一反三完善制度。"])],
    ),
]
THEME_BY_CODE = {t.code: t for t in THEMES}

# part 二: leadership items (title, body)
LEADER_ITEMS = [
    ("强化组织领导", "{sec}切实履行推进法治建设第一责任人职责,调整充实法治建设领导小组,全年主持召开专题会议{n1}次,研究部署法治建设重点任务。"),
    ("坚持带头学法", "{sec}、{head}带头学习习近平法治思想,主持理论学习中心组专题学法{n1}次,带头讲授法治课{n1}次。"),
    ("压实工作责任", "制定年度法治建设工作要点和责任清单,将{n2}项任务分解到责任单位,实行台账管理、按月调度。"),
    ("带头依法决策", "{head}严格执行重大行政决策程序,对合法性审查未通过的事项坚决不上会,全年主持研究重大事项{n2}项。"),
    ("督促整改落实", "对上级法治督察反馈的{n1}个问题,{sec}亲自部署整改,逐项明确责任领导和完成时限,已全部整改销号。"),
    ("推动述职履责", "将履行法治建设第一责任人职责情况列入年终述职内容,{n1}名班子成员在年度述职中专门报告法治建设情况。"),
    ("亲自协调重大问题", "{head}多次深入{unit}调研,协调解决历史遗留问题和群众急难愁盼问题{n2}件,推动依法解决信访积案{n1}件。"),
    ("健全工作机制", "建立法治建设季度调度机制,{sec}每季度听取一次工作汇报,对推进缓慢的事项及时督办。"),
]

OPENINGS = [
    "现将{short}{year}年度法治政府建设情况报告如下:",
    "{year}年,{short}在{superior}的坚强领导下,坚持以习近平法治思想为指导,全面推进依法行政,各项工作取得积极成效。现将有关情况报告如下:",
    "根据《法治政府建设与责任落实督察工作规定》要求,现将{short}{year}年度法治政府建设工作情况报告如下:",
    "{year}年以来,{short}认真贯彻落实上级关于法治政府建设的决策部署,把法治建设摆在全局工作的重要位置。现将年度工作情况报告如下:",
]

IDEAS = [
    "坚持以习近平新时代中国特色社会主义思想为指导,深入贯彻习近平法治思想,紧扣法治政府建设年度目标,坚持问题导向,针对存在的不足逐项制定整改措施,推动法治政府建设再上新台阶。",
    "以提升依法行政能力为主线,以群众满意为标准,聚焦短板弱项,在抓落实、补短板、创特色上下功夫,为{short}经济社会发展提供有力法治保障。",
    "{nexty}年,{short}将继续把法治建设作为基础性工作来抓,坚持统筹推进、重点突破,着力构建职责明确、依法行政的治理体系。",
    "围绕建设人民满意的法治政府目标,坚持依法治理、源头治理、系统治理,推动法治建设与中心工作深度融合、相互促进。",
]
GOALS = [
    "依法行政制度体系更加完善,行政执法质量明显提升,矛盾纠纷化解更加高效,干部群众法治素养普遍提高。",
    "力争各项法治建设指标全面完成,法治政府建设群众满意度稳步提高,创建一批法治建设示范点。",
]

# closing sentences appended to some items of part 一 (drawn without replacement per report)
CLOSINGS = [
    "群众法治获得感、安全感明显增强。", "相关工作得到上级部门肯定。", "工作经验被{superior}转发推广。",
    "依法行政水平进一步提升。", "基层治理法治化水平稳步提高。", "有关做法在全{prevlevel}范围内交流。",
    "为经济社会平稳健康发展营造了良好法治环境。", "群众满意度逐年提升。", "相关工作连续{n1}年考核优秀。",
    "有效防范化解了一批风险隐患。", "工作的规范化、制度化水平明显提高。", "干部依法办事意识进一步增强。",
    "形成了可复制、可推广的经验做法。", "获评{year}年度市级法治建设优秀案例。",
]

PART5 = [
    "全年发生以{we}为被告的行政诉讼案件{n1}件,无败诉案件;收到行政复议申请{n1}件,均依法作出答复。",
    "无其他需要报告的情况。",
    "{year}年度法治政府建设工作经费{money}万元已全部纳入财政预算并执行到位。",
    "按照上级要求,{short}法治政府建设年度报告已通过门户网站向社会公开,接受群众监督。",
]

# part titles (variants); {year} and {nexty} are filled in
PART_TITLES = {
    1: ["{year}年推进法治政府建设的主要举措和成效", "{year}年度法治政府建设主要举措及成效", "主要工作举措和成效",
        "{year}年法治政府建设工作开展情况", "推进法治政府建设的主要做法和成效"],
    2: ["党政主要负责人履行推进法治建设第一责任人职责情况",
        "{year}年党政主要负责人履行推进法治建设第一责任人职责,加强法治政府建设的有关情况",
        "主要负责人履行法治建设第一责任人职责情况"],
    3: ["存在的不足和原因", "存在的问题及原因分析", "问题和不足", "{year}年推进法治政府建设存在的不足和原因",
        "存在的主要问题及原因"],
    4: ["{nexty}年工作打算", "下一步工作打算", "{nexty}年工作思路", "{nexty}年推进法治政府建设的工作计划",
        "工作计划", "{nexty}年推进法治政府建设的主要安排"],
    5: ["其他需要报告的情况", "其他有关情况"],
}

INSTITUTIONS = ["司法所", "综治中心", "派出所", "人民法庭", "公共法律服务工作站", "人民调解委员会",
                "法律援助工作站", "检察室"]
MECH_NOUNS = list("所调员官网站心室")
MECH_SUFFIX = ["联动", "合一", "共治", "融合", "协同"]
MECH_PLUS = ["网格", "调解", "普法", "民警", "律师", "法官", "志愿者"]
MECH_BRANDS = ["和事佬", "老娘舅", "解心结", "议事厅", "睦邻坊", "法治驿站", "连心桥"]

PUNCT_FULL = str.maketrans({",": "，", ";": "；", ":": "：", "(": "（", ")": "）"})

ENUM_STYLES = ["yishi", "shouxian", "circled", "semi"]
CAUSE_INTROS = ["主要原因:", "原因分析:", "究其原因:", "产生上述问题的原因主要有:"]


# --------------------------------------------------------------------------------------
# filling placeholders
# --------------------------------------------------------------------------------------

class Filler:
    """Mapping for ``str.format_map``: fixed context values, random figures otherwise."""

    def __init__(self, rng: random.Random, issuer: Issuer, year: int):
        self.rng = rng
        self.issuer = issuer
        self.year = year
        self.ctx = {
            "short": issuer.short, "we": issuer.we, "unit": issuer.unit, "sec": issuer.secretary,
            "head": issuer.head, "superior": issuer.superior, "year": str(year),
            "nexty": str(year + 1), "prev": str(year - 1), "name": issuer.local,
            "prevlevel": issuer.superior[0],
        }
        self.extra: dict[str, str] = {}

    def __getitem__(self, key: str) -> str:
        if key in self.extra:
            return self.extra[key]
        if key in self.ctx:
            return self.ctx[key]
        r = self.rng
        if key == "n1":
            return str(r.randint(2, 15))
        if key == "n2":
            return str(r.randint(10, 99))
        if key == "n3":
            return str(r.randint(100, 999))
        if key == "n4":
            return str(r.randint(1000, 9999))
        if key == "wan":
            return f"{r.randint(10, 99) / 10:.1f}"
        if key == "pct":
            v = r.randint(950, 1000) / 10
            return "100" if v >= 100 else f"{v:.1f}"
        if key == "p":
            return f"{r.randint(50, 450) / 10:.1f}"
        if key == "money":
            return str(r.randint(50, 5000))
        if key == "yoy":
            return self.yoy()
        if key == "inst":
            if r.random() < 0.4:
                return place_name(r) + r.choice(["派出所", "司法所", "人民法庭"])
            return r.choice(INSTITUTIONS)
        if key == "firm":
            return firm_name(r, self.issuer)
        if key == "mech":
            return mechanism(r)
        if key == "place":
            return place_name(r) + r.choice(SUBPLACE)
        raise KeyError(key)

    def yoy(self) -> str:
        r = self.rng
        a = r.randint(40, 900)
        k = r.random()
        if k < 0.12:
            return f"{a}件,与{self.year - 1}年持平"
        change = r.randint(30, 400) / 10
        b = max(1, round(a * (1 - change / 100))) if k < 0.7 else round(a * (1 + change / 100))
        pct = abs(b - a) / a * 100
        word = "下降" if b < a else "上升"
        return f"{b}件,同比{self.year - 1}年{a}件{word}{pct:.1f}%"

    def fill(self, tpl: str) -> str:
        return tpl.format_map(self)


def firm_name(rng: random.Random, issuer: Issuer) -> str:
    place = issuer.local if rng.random() < 0.4 else place_name(rng)
    return place + rng.choice(FIRM_WORDS) + rng.choice(FIRM_WORDS) + "律师事务所"


def mechanism(rng: random.Random) -> str:
    k = rng.random()
    if k < 0.45:
        nouns = rng.sample(MECH_NOUNS, 1)[0]
        return f"“{rng.choice('两三四五')}{nouns}{rng.choice(MECH_SUFFIX)}”"
    if k < 0.75:
        a, b = rng.sample(MECH_PLUS, 2)
        return f"“{a}+{b}”"
    return f"“{place_name(rng)}{rng.choice(MECH_BRANDS)}”"


# --------------------------------------------------------------------------------------
# styles and numbering
# --------------------------------------------------------------------------------------

def choose_style(rng: random.Random) -> dict:
    return {
        "part": rng.choice(["dun", "dun", "dun", "dibufen", "dibufen_colon"]),
        "area": rng.choice(["ascii", "ascii", "full"]),
        "item": rng.choice(["1.", "1.", "1、", "1．"]),
        "enum": rng.choice(ENUM_STYLES),
        "cause_intro": rng.choice(CAUSE_INTROS),
        "punct": "full" if rng.random() < 0.3 else "ascii",
        "plan": rng.choice(["sub", "sub_goal", "flat"]),
        "leader": rng.choice(["area", "item"]),
    }


def part_marker(style: dict, k: int) -> str:
    cn = CN_NUM[k - 1]
    if style["part"] == "dun":
        return f"{cn}、"
    if style["part"] == "dibufen":
        return f"第{cn}部分 "
    return f"第{cn}部分:"


def area_marker(style: dict, k: int) -> str:
    cn = CN_NUM[k - 1]
    return f"({cn})" if style["area"] == "ascii" else f"（{cn}）"


def item_marker(style: dict, k: int) -> str:
    return f"{k}{style['item'][1:]}"


def enumerate_causes(style: str, causes: list[str]) -> str:
    if style == "yishi":
        parts = [f"{CN_NUM[i]}是{c}" for i, c in enumerate(causes)]
    elif style == "shouxian":
        words = ["首先", "其次", "再次", "此外"]
        if len(causes) == 2:
            words = ["首先", "其次"]
        elif len(causes) == 3:
            words = ["首先", "其次", "此外"]
        parts = [f"{words[i]},{c}" for i, c in enumerate(causes)]
    elif style == "circled":
        parts = [f"{CIRCLED[i]}{c}" for i, c in enumerate(causes)]
    else:
        parts = list(causes)
    return ";".join(parts) + "。"


# --------------------------------------------------------------------------------------
# one report
# --------------------------------------------------------------------------------------

class Deck:
    """Draw templates without replacement; reshuffle when exhausted."""

    def __init__(self, rng: random.Random, pool: list[str]):
        self.rng = rng
        self.pool = pool
        self.cards: list[str] = []

    def draw(self, k: int) -> list[str]:
        out: list[str] = []
        while len(out) < k:
            if not self.cards:
                self.cards = [c for c in self.pool if c not in out]
                self.rng.shuffle(self.cards)
            out.append(self.cards.pop())
        return out


@dataclass
class Plan:
    """What a report of year Y planned; kept for the Y+1 report of a pair."""
    file: str
    year: int
    actions: list[dict]


def build_report(rng: random.Random, issuer: Issuer, year: int, style: dict,
                 prev: Plan | None) -> tuple[str, dict]:
    f = Filler(rng, issuer, year)
    P = (lambda s: s.translate(PUNCT_FULL)) if style["punct"] == "full" else (lambda s: s)
    lines: list[str] = []
    truth: dict = {}
    codes = [t.code for t in THEMES]

    # ---- plan which previous actions are carried out (pairs only)
    carried: list[dict] = []
    dropped: list[int] = []
    if prev is not None and prev.actions:
        acts = list(prev.actions)
        if len(acts) == 1:
            c = 1
        else:
            c = rng.randint(1, min(len(acts) - 1, 4))
        chosen = sorted(rng.sample(range(len(acts)), c))
        carried = [acts[i] for i in chosen]
        dropped = [a["n"] for i, a in enumerate(acts) if i not in chosen]

    # ---- choose area themes for part 一
    n_areas = rng.randint(3, 5)
    must = [a["theme"] for a in carried]
    others = [c for c in codes if c not in must]
    rng.shuffle(others)
    area_codes = must + others[: max(0, n_areas - len(must))]
    rng.shuffle(area_codes)

    title = f"{issuer.name}关于{year}年度法治政府建设情况的报告"
    lines.append(title)
    lines.append(issuer.name)
    lines.append(P(f.fill(rng.choice(OPENINGS))))

    def part_title(k: int) -> str:
        t = rng.choice(PART_TITLES[k]).format(year=year, nexty=year + 1)
        return part_marker(style, k) + P(t)

    # ---- part 一
    lines.append(part_title(1))
    areas_truth = []
    carried_truth = []
    by_theme = {a["theme"]: a for a in carried}
    closings = Deck(rng, CLOSINGS)
    for ai, code in enumerate(area_codes, 1):
        th = THEME_BY_CODE[code]
        atitle = rng.choice(th.areas)
        lines.append(area_marker(style, ai) + P(atitle))
        n_items = rng.randint(2, 4)
        titles = rng.sample(th.titles, min(n_items, len(th.titles)))
        carry_pos = rng.randrange(len(titles)) if code in by_theme else -1
        deck = Deck(rng, th.bodies)
        items_truth = []
        for ii, it in enumerate(titles, 1):
            if ii - 1 == carry_pos:
                act = by_theme[code]
                kind = th.actions[act["kind"]]
                it = rng.choice(kind.done_titles)
                if act.get("target"):
                    tv = act["target"]["value"]
                    if act["target"]["unit"] == "%":
                        f.extra["N2"] = f"{rng.uniform(tv, 100):.1f}".replace("100.0", "100")
                    else:
                        f.extra["N2"] = str(tv + rng.randint(0, max(1, tv // 3)))
                else:
                    f.extra["N2"] = f["n2"]
                done = kind.done_bodies[:]
                rng.shuffle(done)
                sents = [f.fill(s) for s in done]
                f.extra.clear()
                sents += [f.fill(s) for s in deck.draw(rng.randint(1, 2))]
                carried_truth.append({"action": act["n"], "theme": code, "key": act["key"],
                                      "area": ai, "item": ii, "item_title": it})
            else:
                sents = [f.fill(s) for s in deck.draw(rng.randint(2, 4) + (rng.random() < 0.5))]
            if rng.random() < 0.45:
                sents.append(f.fill(closings.draw(1)[0]))
            lines.append(item_marker(style, ii) + P(it) + "。" + P("".join(sents)))
            items_truth.append({"n": ii, "title": it})
        areas_truth.append({"n": ai, "title": atitle, "theme": code, "items": items_truth})

    # ---- part 二
    lines.append(part_title(2))
    leaders = rng.sample(LEADER_ITEMS, rng.randint(2, 4))
    for li, (lt, lb) in enumerate(leaders, 1):
        body = P(f.fill(lb))
        if style["leader"] == "area":
            lines.append(area_marker(style, li) + P(lt))
            lines.append(body)
        else:
            lines.append(item_marker(style, li) + P(lt) + "。" + body)

    # ---- part 三: shortcomings with causes
    lines.append(part_title(3))
    n_sf = rng.randint(2, 5)
    sf_codes = rng.sample(codes, n_sf)
    causes_truth = []
    for si, code in enumerate(sf_codes, 1):
        th = THEME_BY_CODE[code]
        st, sd = rng.choice(th.shortfalls)
        reasons = rng.sample(th.causes, rng.randint(2, 4))
        lines.append(area_marker(style, si) + P(st))
        lines.append(P(f.fill(sd) + style["cause_intro"] + enumerate_causes(style["enum"], reasons)))
        causes_truth.append({"n": si, "shortcoming": st, "theme": code, "reasons": reasons,
                             "enum": style["enum"]})

    # ---- part 四: plan
    lines.append(part_title(4))
    remedy_codes = [c for c in sf_codes if rng.random() < 0.85]
    free = [c for c in codes if c not in sf_codes]
    extra_codes = rng.sample(free, min(len(free), rng.randint(1, 3)))
    act_codes = remedy_codes + extra_codes
    rng.shuffle(act_codes)
    idea = P(f.fill(rng.choice(IDEAS)))
    if style["plan"] in ("sub", "sub_goal"):
        k = 1
        lines.append(area_marker(style, k) + P("工作思路"))
        lines.append(idea)
        if style["plan"] == "sub_goal":
            k += 1
            lines.append(area_marker(style, k) + P("总体目标"))
            lines.append(P(rng.choice(GOALS)))
        lines.append(area_marker(style, k + 1) + P("主要举措"))
    else:
        lines.append(idea)
    actions_truth = []
    targets_truth = []
    sf_by_code = {c["theme"]: c["n"] for c in causes_truth}
    for ni, code in enumerate(act_codes, 1):
        th = THEME_BY_CODE[code]
        ki = rng.randrange(len(th.actions))
        kind = th.actions[ki]
        at = f.fill(rng.choice(kind.titles))
        bodies = [f.fill(b) for b in kind.bodies]
        target = None
        if kind.target is not None and rng.random() < 0.85:
            tpl, lo, hi, unit = kind.target
            val = rng.randint(lo, hi)
            f.extra["N"] = str(val)
            ttext = f.fill(tpl)
            f.extra.clear()
            bodies.insert(rng.randint(1, len(bodies)), ttext + "。")
            target = {"action": ni, "text": ttext, "value": val, "unit": unit}
            targets_truth.append(target)
        lines.append(item_marker(style, ni) + P(at) + "。" + P("".join(bodies)))
        actions_truth.append({"n": ni, "theme": code, "kind": ki, "key": kind.key, "title": at,
                              "addresses": [sf_by_code[code]] if code in sf_by_code else [],
                              "target": target})

    # ---- part 五 (optional)
    has5 = rng.random() < 0.35
    if has5:
        lines.append(part_title(5))
        lines.append(P(f.fill(rng.choice(PART5))))

    lines.append(issuer.name)
    day = rng.randint(5, 31)
    lines.append(f"{year + 1}年1月{day}日")

    truth.update({
        "issuer": issuer.name, "issuer_kind": issuer.kind, "year": year,
        "parts": 5 if has5 else 4, "style": style, "areas": areas_truth,
        "causes": causes_truth, "actions": actions_truth, "targets": targets_truth,
        "date": f"{year + 1}年1月{day}日",
    })
    if prev is not None:
        truth["carried_out"] = carried_truth
        truth["dropped"] = dropped
    return "\n".join(lines) + "\n", truth


# --------------------------------------------------------------------------------------
# corpus
# --------------------------------------------------------------------------------------

MIN_BYTES, MAX_BYTES = 6000, 16000


def generate(out_dir, n: int, seed: int, pairs: float = 0.3, fmt: str = "txt") -> list[Path]:
    """Write ``n`` reports and ``truth.jsonl`` into ``out_dir``; return the report paths."""
    if fmt != "txt":
        raise ValueError(f"unsupported format: {fmt}")
    if not 0 <= pairs <= 1:
        raise ValueError("pairs must be between 0 and 1")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    master = random.Random(f"govkg-corpus/{seed}")
    n_pairs = min(n // 2, round(n * pairs / (1 + pairs)))
    slots = ["P"] * n_pairs + ["S"] * (n - 2 * n_pairs)
    master.shuffle(slots)
    seen: set[str] = set()
    paths: list[Path] = []
    index = 0
    with open(out / "truth.jsonl", "w", encoding="utf-8", newline="\n") as tf:
        for slot in slots:
            issuer = make_issuer(master)
            while issuer.name in seen:
                issuer = make_issuer(master)
            seen.add(issuer.name)
            if slot == "P":
                years = [master.randint(2019, 2024)]
                years.append(years[0] + 1)
            else:
                years = [master.randint(2019, 2025)]
            style = choose_style(master)
            prev: Plan | None = None
            prev_file = None
            for j, year in enumerate(years):
                rng = random.Random(master.getrandbits(64))
                if j == 1 and rng.random() < 0.3:
                    style = choose_style(rng)
                for _attempt in range(20):
                    text, truth = build_report(rng, issuer, year, style, prev)
                    data = text.encode("utf-8")
                    if MIN_BYTES <= len(data) <= MAX_BYTES:
                        break
                fname = f"{index:05d}_{year}_{issuer.hash8}.txt"
                path = out / fname
                with open(path, "wb") as fh:
                    fh.write(data)
                record = {"file": fname}
                record.update(truth)
                if slot == "P":
                    record["pair"] = {"role": "first" if j == 0 else "second",
                                      "with": f"{index + 1:05d}_{years[1]}_{issuer.hash8}.txt" if j == 0 else prev_file}
                tf.write(json.dumps(record, ensure_ascii=False, sort_keys=False) + "\n")
                paths.append(path)
                prev = Plan(fname, year, truth["actions"])
                prev_file = fname
                index += 1
    return paths


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out_dir")
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--pairs", type=float, default=0.3,
                    help="fraction of issuers that get reports for two consecutive years")
    ap.add_argument("--format", default="txt", choices=["txt"])
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    paths = generate(args.out_dir, args.n, args.seed, args.pairs, args.format)
    dt = time.perf_counter() - t0
    print(f"wrote {len(paths)} reports and truth.jsonl to {args.out_dir} in {dt:.1f}s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
