"""Writes the demo brands under brands/ (names, units and facts from the seed documents;
the prose is ours). Run once to regenerate: .venv/bin/python scripts/demo_brands.py

The output is committed; editors treat brands/ as hand-written files from then on.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator import emblem  # noqa: E402

STD = {
    "工作时限": "一般事项当日办结，复杂事项 5 个工作日内办结并告知进度",
    "职权责任": "按岗位职责清单履职，AB 角互为补位，不推诿、不扯皮",
    "工作程序": "办事流程、所需材料、办理时限在服务场所和网站公开",
    "仪表服饰": "统一着装，佩戴工作牌，亮牌上岗",
    "举止言行": "使用文明用语，做到“五心”：热心、细心、耐心、诚心、尽心",
    "电话礼仪": "电话铃响三声内接听，首句问候并报单位名称",
    "礼宾接待": "来访群众起身相迎，引导入座，一次性告知所需材料",
    "日常交往": "尊重服务对象，对老年人、残疾人提供优先帮办",
    "服务禁忌": "不说“不知道”“不归我管”，不在服务时间玩手机、闲聊",
}
SYSTEMS = ["岗位责任制", "服务承诺制", "限时办结制", "首问负责制", "失职追究制", "一次性告知制", "否定报备制"]
CULTURE = {
    "工作理念": "严谨细致、管理到位、高效服务",
    "学习理念": "求知奋进、务实创新",
    "管理理念": "科学管理、精细管理",
    "服务理念": "沟通、理解、服务",
    "作风": "恪守宗旨、正确用权、廉洁自律",
}


def pick(d: dict, keys: list[str], **override) -> dict:
    out = {k: d[k] for k in keys}
    out.update(override)
    return out


BRANDS = [
    dict(
        slug="wendang-lianxinqiao", name="文档连心桥", unit="青岛市档案局", category="政务服务", color="#1d4e89",
        logo_meaning="以档案盒与拱桥相连的造型，寓意档案工作架起机关与群众之间的连心之桥。",
        slogan="档案连着你我，服务贴近民心",
        positioning="以档案查阅利用为窗口，面向机关单位和市民提供便捷、规范、贴心的档案服务。",
        core_idea="文档服务连民心",
        vision="让每一份档案都能在需要时被找到、被读懂、被用好。",
        commitments=["查档利用即来即办，一般查询 30 分钟内出具结果", "复杂查档 3 个工作日内答复", "对老年人和行动不便的群众提供上门查档服务", "查档收费标准全部公开，不收取任何额外费用"],
        standards=pick(STD, ["工作时限", "职权责任", "工作程序", "仪表服饰", "举止言行", "电话礼仪", "服务禁忌"]),
        culture=pick(CULTURE, ["工作理念", "学习理念", "服务理念", "作风"], 服务理念="把群众的事当作自己的事"),
        systems=SYSTEMS[:6],
        services=["婚姻、学历、工龄等民生档案查询", "机关档案业务指导", "档案寄存与数字化", "档案史料展览"],
        contact={"hotline": "12345", "complaint": "市档案局门户网站“局长信箱”", "address": "青岛市市南区档案馆利用大厅", "hours": "工作日 9:00—17:00"},
        launched="2006-08",
        honors=[{"year": 2007, "title": "市直机关服务名牌"}, {"year": 2008, "title": "青岛市服务名牌"}],
        story="""青岛市档案局把“文档连心桥”作为机关服务品牌，源于一个朴素的想法：档案不只是锁在库房里的纸张，更是群众办事时最需要的凭证。

## 从“查不到”到“马上查”

过去，市民来查婚姻登记、学历、工龄档案，常常要跑好几趟。品牌创建以来，档案局梳理了民生档案目录，推行即来即办，把一般查询压缩到 30 分钟以内。

## 把服务送到门口

对年纪大、行动不便的查档人，工作人员带着检索结果上门核对、出具证明。市直机关工委曾在档案局召开现场观摩交流会，推广其争创机关服务品牌的经验。
""",
    ),
    dict(
        slug="shiqing-xinda", name="市情信达", unit="青岛市统计局", category="经济发展", color="#0f6e6e",
        logo_meaning="以“信”字与数据柱图组合，寓意统计数据真实可信、市情信息准确送达。",
        slogan="数据真实可信，市情及时送达",
        positioning="为党委政府决策、企业经营和公众了解市情提供准确、及时的统计信息服务。",
        core_idea="真实、准确、及时、便捷",
        vision="让统计数据成为全市发展最可信赖的“晴雨表”。",
        commitments=["主要统计数据按发布日程表准时发布", "公众数据咨询 2 个工作日内答复", "依法保护统计调查对象的商业秘密和个人信息"],
        standards=pick(STD, ["工作时限", "职权责任", "工作程序", "举止言行", "电话礼仪", "日常交往"]),
        culture=pick(CULTURE, ["工作理念", "学习理念", "管理理念", "服务理念"]),
        systems=["岗位责任制", "服务承诺制", "限时办结制", "首问负责制", "失职追究制"],
        services=["统计数据发布与解读", "统计资料查询", "统计业务咨询", "企业统计培训"],
        contact={"hotline": "12345", "complaint": "市统计局网站统计违法举报专栏", "address": "青岛市统计局数据服务窗口", "hours": "工作日 9:00—17:00"},
        launched="2006-08",
        honors=[{"year": 2007, "title": "市直机关服务名牌"}, {"year": 2008, "title": "青岛市服务名牌"}],
    ),
    dict(
        slug="zhenqing-xiangzhu", name="真情相助", unit="青岛市劳动保障局", category="社会民生", color="#b3262d",
        logo_meaning="两只相握的手组成心形，“真情”是主观意念，“相助”是行动和服务。",
        slogan="想群众所想，急群众所急",
        positioning="面向职工群众和用人单位，提供就业、社保、劳动维权一体化服务。",
        core_idea="把群众的事当作自己的事，把群众的困难当作自己的困难",
        vision="让每一位劳动者绽放笑容。",
        commitments=["社保业务一次性告知，材料齐全当场办结", "劳动争议投诉 3 个工作日内受理回复", "就业困难人员 15 日内提供至少 3 个岗位信息", "窗口午间不断档，节假日开放咨询"],
        standards=pick(STD, ["工作时限", "职权责任", "工作程序", "仪表服饰", "举止言行", "电话礼仪", "礼宾接待", "服务禁忌"]),
        culture=pick(CULTURE, ["工作理念", "服务理念", "管理理念", "作风"], 服务理念="诚心诚意为职工群众排忧解难"),
        systems=SYSTEMS,
        services=["就业登记与失业登记", "社会保险参保缴费", "劳动保障监察投诉", "职业技能培训补贴"],
        contact={"hotline": "12333", "complaint": "12333 劳动保障咨询投诉电话", "address": "青岛市劳动保障服务大厅", "hours": "工作日 8:30—17:30，周六上午"},
        launched="2006-08",
        honors=[{"year": 2007, "title": "市直机关服务名牌"}, {"year": 2008, "title": "青岛市服务名牌"}],
        story="""“真情相助”的“真情”是一种主观意念，“相助”是一种行为、行动和服务。

品牌的核心，是想群众所想、急群众之所急，把群众的事当作自己的事，把群众的困难当作自己的困难，诚心诚意为职工群众排忧解难。

## 服务做法

- 窗口实行一次性告知，材料齐全当场办结；
- 对就业困难人员建立台账，逐人跟踪推荐岗位；
- 劳动争议投诉限时受理、限时回复。
""",
    ),
    dict(
        slug="yangguang-guihua", name="阳光规划", unit="温州市规划局", category="城乡建设", color="#d17a00",
        logo_meaning="以阳光、大地、水流为创作元素，初升的太阳象征光明和希望，寓意规划工作置于阳光之下、公众参与。",
        slogan="变关门规划为开门规划",
        positioning="以规划公开和公众参与为核心，让市民知情、参与、监督城乡规划。",
        core_idea="公开、参与、透明、服务",
        vision="让城乡规划在阳光下编制、在阳光下审批、在阳光下实施。",
        commitments=["建设项目批前、批后全部公示", "条件成熟的项目窗口即刻办理（即办）", "每周召开一次联审会议，重大事项联合审批（联办）", "规划管理员每旬一日到社区坐班，听取群众意见"],
        standards=pick(STD, ["工作时限", "职权责任", "工作程序", "举止言行", "礼宾接待", "服务禁忌"], 工作程序="直办、即办、联办：行政许可集中到一个处室对外办理"),
        culture=pick(CULTURE, ["工作理念", "学习理念", "管理理念", "服务理念"], 服务理念="保护群众的利益高于一切"),
        systems=["岗位责任制", "服务承诺制", "限时办结制", "首问负责制", "一次性告知制"],
        services=["规划编制进社区", "规划许可进社区", "规划法制宣传进社区", "重点项目审批绿色通道"],
        contact={"hotline": "12345", "complaint": "局网站公示专栏互动留言、项目审批听证", "address": "温州市城市规划展示馆", "hours": "工作日 8:30—17:00"},
        launched="2004-01",
        honors=[{"year": 2009, "title": "温州市直机关“十佳机关服务品牌”"}],
        tags=["规划公开", "公众参与"],
        story="""自提出建设“阳光规划”服务品牌以来，温州市规划局相继推出规划公示制度、城乡规划进社区等一系列举措，变关门规划为开门规划。

## 一种机制：六公开、六公示、一报告

“六公开”是办事依据、办事程序、办事机构和人员、办事结果、办事纪律、投诉渠道公开；“六公示”覆盖规划批前批后、近期建设项目和违法建设查处；“一报告”是定期向市人大常委会报告城乡规划实施情况。

## 一个渠道：看得见的规划

| 公示渠道 | 规模 |
| --- | --- |
| 村居规划公示栏 | 540 个 |
| 社区坐班（一年） | 1800 多次 |
| 处理群众问题（一年） | 1200 多个 |

## 两大重点

1. 规划进社区：编制进社区、许可进社区、法制宣传进社区；
2. 快速许可：直办、即办、联办，重点项目开辟绿色通道。
""",
    ),
    dict(
        slug="huanghe-weishi", name="黄河卫士 福润垦利", unit="垦利黄河河务局", category="城乡建设", color="#8a5a12",
        logo_meaning="以黄河入海口的河道曲线托起堤坝，寓意黄河卫士守护万里黄河最后关口。",
        slogan="黄河卫士，福润垦利",
        positioning="守护黄河最后关口，为沿黄群众提供防洪保安和水事服务。",
        core_idea="团结、务实、开拓、拼搏、奉献",
        vision="筑就百年堤坝、建设生态黄河、造福垦利人民。",
        commitments=["汛期 24 小时值班，险情 1 小时内到达现场", "涉河建设项目申请 10 个工作日内办结", "每年开展水法律法规进村入户宣传不少于 4 次"],
        standards=pick(STD, ["工作时限", "职权责任", "工作程序", "仪表服饰", "举止言行", "电话礼仪", "礼宾接待", "日常交往", "服务禁忌"]),
        culture=CULTURE,
        systems=SYSTEMS[:5],
        services=["防洪抢险", "涉河项目审查", "河道巡查与水政执法", "水法律法规宣传"],
        contact={"hotline": "0546-2884175", "complaint": "局工会主席接待日", "address": "东营市垦利区黄河河务局", "hours": "工作日 8:00—17:30，汛期 24 小时"},
        honors=[{"year": None, "title": "黄委会“文明示范单位”"}, {"year": None, "title": "连续十一年“省级文明单位”"}, {"year": None, "title": "山东黄河治黄先进集体"}],
        tags=["黄河", "防汛"],
        story="""把守着万里黄河最后关口的垦利黄河人，围绕“黄河卫士，福润垦利”的目标，完成了精神文化、行为文化、形象文化三大系统的构建。

## 精神文化

机关精神是团结、务实、开拓、拼搏、奉献；机关愿景是筑就百年堤坝、建设生态黄河、造福垦利人民。

## 行为文化与形象文化

局里每年制定工作职责、行为准则、个人形象标准和日常礼仪行为规范，在会议室安装品牌标识，在办公大楼门口张贴宣传口号，印制宣传手册、纸杯和桌牌。
""",
    ),
    dict(
        slug="taizhou-12319", name="泰州12319", unit="泰州市建设局", category="城乡建设", color="#1d4e89",
        logo_meaning="以“建设”拼音首字母 J、S 抽象变形，组合为泰州城市标志“凤凰”。",
        slogan="12319，民有所呼，我有所应",
        positioning="全国首批、江苏首家开通的城建热线，受理市民对城市建设管理的诉求。",
        core_idea="贴近百姓零距离，受理投诉零积压，跟踪反馈零投诉",
        vision="从他人笑脸上寻求个人价值，让城建热线成为泰州城建领域的闪亮名片。",
        commitments=["热线 24 小时有人接听", "一般诉求 3 个工作日内办结并回访", "办结率不低于 97%，逐件回访满意度"],
        standards=pick(STD, ["工作时限", "职权责任", "工作程序", "举止言行", "电话礼仪", "服务禁忌"]),
        culture=pick(CULTURE, ["工作理念", "学习理念", "服务理念"], 学习理念="学习借鉴、持续改进"),
        systems=["岗位责任制", "服务承诺制", "限时办结制", "首问负责制", "失职追究制"],
        services=["城建投诉受理", "道路、路灯、窨井盖报修", "城建政策咨询"],
        contact={"hotline": "12319", "complaint": "12319 城建热线", "address": "泰州市建设局热线中心", "hours": "全天 24 小时"},
        honors=[{"year": None, "title": "开通 6 年接听群众来电 7.5 万多次，办结率 97.6%，群众满意率 96.8%"}],
    ),
    dict(
        slug="yongxin-chuangzao-zhiliang", name="用心创造质量", unit="泰州市质监局", category="执法监管", color="#2f6b3b",
        logo_meaning="方形是“矩”，圆形是“规”，以英文 QUALITY 的首字母 Q 为主线，寓意有规矩才成方圆。",
        slogan="有规矩才成方圆",
        positioning="以标准、法规为依据，为企业和群众提供质量技术监督服务。",
        core_idea="用心创造质量",
        vision="让“泰州制造”经得起标准的检验。",
        commitments=["计量器具检定 5 个工作日内出具报告", "质量投诉 24 小时内响应", "企业标准备案即来即办"],
        standards=pick(STD, ["工作时限", "职权责任", "工作程序", "仪表服饰", "举止言行"]),
        culture=pick(CULTURE, ["工作理念", "管理理念", "作风"]),
        systems=["岗位责任制", "服务承诺制", "限时办结制", "首问负责制"],
        services=["计量检定", "标准备案", "产品质量监督抽查", "质量投诉处理"],
        contact={"hotline": "12365", "complaint": "12365 质量技术监督投诉举报电话", "address": "泰州市质监局服务窗口"},
    ),
    dict(
        slug="xinqiao", name="心桥", unit="泰州市供电公司", category="经济发展", color="#5b3a8c",
        logo_meaning="一座连接两颗心的桥，寓意供电企业与客户心心相连。",
        slogan="便捷电、放心电、满意电、和谐电、亲情电",
        positioning="放下“电老大”的身段，为城乡客户提供便捷、可靠的供电服务。",
        core_idea="门好进、脸好看、事好办",
        vision="让每一位客户用上放心电、满意电。",
        commitments=["全市 96 个供电营业窗口无午休、无周休日", "居民新装用电 3 个工作日内送电", "故障抢修城区 45 分钟内到达现场"],
        standards=pick(STD, ["工作时限", "职权责任", "工作程序", "仪表服饰", "举止言行", "电话礼仪"]),
        culture=pick(CULTURE, ["工作理念", "服务理念", "管理理念"], 服务理念="个性化服务、精细化服务"),
        systems=["岗位责任制", "服务承诺制", "首问负责制", "一次性告知制", "限时办结制"],
        services=["用电报装", "故障抢修", "电费缴纳与咨询", "特事特办绿色通道"],
        contact={"hotline": "95598", "complaint": "95598 供电服务热线、领导接待日", "address": "泰州市各供电营业厅", "hours": "每天 8:30—17:30"},
    ),
    dict(
        slug="yihao-chuangkou", name="一号窗口", unit="泰州市交巡警支队车管所", category="政务服务", color="#3d5a80",
        logo_meaning="醒目的阿拉伯数字“1”与窗口轮廓结合，寓意群众办事首选、一窗兜底。",
        slogan="替老百姓跑腿",
        positioning="专门受理其他窗口办不了、程序有空隙的疑难车驾管业务。",
        core_idea="无空隙服务",
        vision="不让群众因为程序空隙而投告无门。",
        commitments=["疑难业务当场受理，能办的当日办结", "不能当场办结的 3 个工作日内答复", "权力回归公众，责任回归民警"],
        standards=pick(STD, ["工作时限", "职权责任", "工作程序", "仪表服饰", "举止言行", "服务禁忌"], 职权责任="32 字职责上墙公示，十项制度、三个杜绝、九项台账"),
        culture=pick(CULTURE, ["工作理念", "服务理念", "作风"]),
        systems=SYSTEMS,
        services=["疑难车驾管业务兜底受理", "机动车检验咨询", "驾驶证业务"],
        contact={"hotline": "12123", "complaint": "车管所“一号窗口”值班领导", "address": "泰州市车辆管理所办事大厅", "hours": "工作日 8:30—17:30"},
    ),
    dict(
        slug="mianduimian-xintiexin", name="面对面、心贴心", unit="日照市行政服务中心", category="政务服务", color="#b3262d",
        logo_meaning="两张相对的笑脸构成心形，寓意面对面服务、心贴心为民。",
        slogan="宁愿麻烦自己百次，不能麻烦群众一次",
        positioning="集中办理行政审批和公共服务事项，实现群众办事由“分散办理”到“一门办结”。",
        core_idea="服务至上",
        vision="让群众办事只进一扇门、最多跑一次。",
        commitments=["即办件当场办结，承诺件在法定时限内压缩一半办结", "一次性告知全部所需材料", "午间和周六延时服务"],
        standards=pick(STD, ["工作时限", "职权责任", "工作程序", "仪表服饰", "举止言行", "电话礼仪", "礼宾接待", "服务禁忌"]),
        culture=pick(CULTURE, ["工作理念", "学习理念", "管理理念", "服务理念", "作风"], 管理理念="精细管理、细微服务"),
        systems=SYSTEMS,
        services=["行政审批一窗受理", "企业开办", "为民实践月活动", "帮办代办"],
        contact={"hotline": "12345", "complaint": "中心投诉受理窗口、12345 热线", "address": "日照市行政服务中心大厅", "hours": "工作日 9:00—17:00，周六 9:00—12:00"},
        honors=[{"year": None, "title": "山东省服务名牌"}],
    ),
    dict(
        slug="chengxin-caihong", name="诚信彩虹", unit="日照供电公司", category="经济发展", color="#a23b72",
        logo_meaning="七色彩虹跨越城乡，寓意诚信服务照亮每一户客户。",
        slogan="诚信彩虹，服务社会",
        positioning="以诚信为核心，打造覆盖全市供电系统的服务品牌。",
        core_idea="努力超越、追求卓越",
        vision="做客户最信赖的供电服务者。",
        commitments=["城区故障抢修 45 分钟内到达现场", "居民业扩报装 5 个工作日内完成", "电价电费政策全面公开"],
        standards=pick(STD, ["工作时限", "职权责任", "工作程序", "仪表服饰", "举止言行", "电话礼仪"]),
        culture=pick(CULTURE, ["工作理念", "服务理念", "管理理念", "学习理念"]),
        systems=["岗位责任制", "服务承诺制", "限时办结制", "首问负责制", "失职追究制"],
        services=["用电报装", "故障抢修", "节能用电咨询"],
        contact={"hotline": "95598", "complaint": "95598 供电服务热线", "address": "日照供电公司营业厅", "hours": "每天 8:30—17:30"},
        honors=[{"year": None, "title": "国家工商局注册服务商标，日照市第一个注册的服务品牌"}, {"year": None, "title": "全国电力企业管理创新成果一等奖"}, {"year": None, "title": "山东省服务名牌"}],
    ),
    dict(
        slug="hecheng-weishi", name="鹤城卫士", unit="齐齐哈尔市公安局", category="执法监管", color="#1d4e89",
        logo_meaning="丹顶鹤展翅护卫盾牌，寓意守护鹤城平安。",
        slogan="群众平安我心安",
        positioning="以 110 报警服务台为窗口，维护社会治安稳定，为群众排忧解难。",
        core_idea="有警必接、有难必帮、有险必救、有求必应",
        vision="让鹤城百姓安居乐业。",
        commitments=["110 报警电话 24 小时受理", "城区接警后 5 分钟内到达现场", "群众求助件件有回音"],
        standards=pick(STD, ["工作时限", "职权责任", "工作程序", "仪表服饰", "举止言行", "电话礼仪"]),
        culture=pick(CULTURE, ["工作理念", "服务理念", "作风"]),
        systems=["岗位责任制", "服务承诺制", "首问负责制", "失职追究制"],
        services=["110 报警服务", "治安巡逻", "群众求助"],
        contact={"hotline": "110", "complaint": "市公安局警务督察投诉电话", "address": "齐齐哈尔市公安局", "hours": "全天 24 小时"},
        honors=[{"year": None, "title": "齐齐哈尔市直机关第一批机关服务品牌"}],
    ),
    dict(
        slug="hecheng-jiangtan", name="鹤城讲坛", unit="中共齐齐哈尔市委宣传部", category="党群工作", color="#8a5a12",
        logo_meaning="打开的书页与讲台，寓意引领鹤城学习风气。",
        slogan="引领鹤城的学习脚步",
        positioning="邀请全国知名专家学者开讲，为党政干部和市民提供高水平学习平台。",
        core_idea="学习成就未来",
        vision="让学习成为鹤城干部群众的习惯。",
        commitments=["每季度至少举办 2 期讲座", "讲座提前 7 天向社会公告", "讲座实录向公众开放"],
        standards=pick(STD, ["工作时限", "职权责任", "工作程序", "礼宾接待", "日常交往"]),
        culture=pick(CULTURE, ["工作理念", "学习理念", "服务理念"]),
        systems=["岗位责任制", "服务承诺制", "限时办结制", "首问负责制"],
        services=["专家讲座", "基层宣讲", "讲座实录"],
        contact={"hotline": "12345", "complaint": "市委宣传部意见箱", "address": "齐齐哈尔市会议中心"},
        honors=[{"year": None, "title": "齐齐哈尔市直机关第一批机关服务品牌"}],
        story="""“鹤城讲坛”引领了鹤城的学习脚步。温元凯、于丹、易中天等 50 多位全国知名专家学者先后登台，全市 2.5 万多人次党政干部接受了一次次的精神洗礼。

一时间，“克东讲坛”“达乡讲坛”“市民大讲堂”等在鹤城遍地开花。
""",
    ),
    dict(
        slug="dangyuan-zhijia", name="党员之家", unit="中共齐齐哈尔市委组织部", category="党群工作", color="#b3262d",
        logo_meaning="党徽与房屋轮廓结合，寓意组织部门是党员和干部的温暖之家。",
        slogan="党员之家，温暖你我",
        positioning="为党员、干部和人才提供组织关系、教育管理和关怀帮扶服务。",
        core_idea="公道正派、服务党员",
        vision="让每一名党员都能找到组织、感到温暖。",
        commitments=["组织关系转接 3 个工作日内办结", "来信来访 15 日内答复", "困难党员走访慰问全覆盖"],
        standards=pick(STD, ["工作时限", "职权责任", "工作程序", "礼宾接待", "日常交往", "服务禁忌"]),
        culture=pick(CULTURE, ["工作理念", "学习理念", "作风"]),
        systems=["岗位责任制", "服务承诺制", "限时办结制", "首问负责制", "一次性告知制"],
        services=["党组织关系转接", "党员教育培训", "困难党员帮扶"],
        contact={"hotline": "12380", "complaint": "12380 组织工作举报电话", "address": "齐齐哈尔市委组织部党员服务中心"},
    ),
    dict(
        slug="yidao", name="服务山区农业建设特色驿道", unit="莱州市驿道镇", category="城乡建设", color="#2f6b3b",
        logo_meaning="山峦与田垄连成一条驿道，寓意服务山区农业、建设特色驿道。",
        slogan="山区农业有奔头，特色驿道有看头",
        positioning="围绕山区特色农业，为农户和企业提供政策、技术和审批服务。",
        core_idea="服务山区、特色发展",
        vision="把驿道建成山区特色农业强镇。",
        commitments=["涉农补贴申请 5 个工作日内审核", "便民服务中心周末有人值班", "农业技术咨询当日答复"],
        standards=pick(STD, ["工作时限", "职权责任", "工作程序", "举止言行", "服务禁忌"]),
        culture=pick(CULTURE, ["工作理念", "服务理念", "作风"]),
        systems=["岗位责任制", "服务承诺制", "限时办结制", "首问负责制"],
        services=["涉农补贴申报", "农技服务", "便民代办"],
        contact={"hotline": "12345", "complaint": "镇便民服务中心意见箱", "address": "莱州市驿道镇便民服务中心"},
        honors=[{"year": None, "title": "第二批莱州市机关服务品牌"}],
    ),
    dict(
        slug="wenfenglu", name="打造责任、诚信、阳光政府", unit="莱州市文峰路街道办事处", category="政务服务", color="#d17a00",
        logo_meaning="三道光芒托起街道办公楼，寓意责任、诚信、阳光。",
        slogan="责任在肩，诚信于心，阳光行政",
        positioning="面向辖区居民和企业，提供公开透明、诚信守诺的街道服务。",
        core_idea="责任、诚信、阳光",
        vision="建设居民信得过的阳光街道。",
        commitments=["居民事项一次性告知，当日能办的当日办结", "办事结果 3 个工作日内公开", "每月一次主任接待日"],
        standards=pick(STD, ["工作时限", "职权责任", "工作程序", "举止言行", "礼宾接待"]),
        culture=pick(CULTURE, ["工作理念", "服务理念", "作风"]),
        systems=["岗位责任制", "服务承诺制", "限时办结制", "首问负责制", "一次性告知制"],
        services=["社区事务受理", "民政救助", "企业服务"],
        contact={"hotline": "12345", "complaint": "街道主任接待日", "address": "莱州市文峰路街道便民服务大厅"},
        honors=[{"year": None, "title": "第二批莱州市机关服务品牌"}],
    ),
    dict(
        slug="zhuqiao", name="创勤学负责队伍建规范和谐机关", unit="莱州市朱桥镇", category="党群工作", color="#5b3a8c",
        logo_meaning="书本与和谐之环，寓意勤学负责的队伍、规范和谐的机关。",
        slogan="勤学负责，规范和谐",
        positioning="以机关队伍建设为抓手，提升镇机关为民服务能力。",
        core_idea="勤学、负责、规范、和谐",
        vision="建设勤学负责、规范和谐的镇机关。",
        commitments=["每周一次集中学习", "群众来访 2 个工作日内答复", "办事流程全部上墙公开"],
        standards=pick(STD, ["工作时限", "职权责任", "工作程序", "仪表服饰", "举止言行"]),
        culture=pick(CULTURE, ["工作理念", "学习理念", "管理理念"]),
        systems=["岗位责任制", "服务承诺制", "限时办结制", "首问负责制"],
        services=["群众来访接待", "便民代办", "政策宣讲"],
        contact={"hotline": "12345", "complaint": "镇纪委监督电话", "address": "莱州市朱桥镇便民服务中心"},
        honors=[{"year": None, "title": "第二批莱州市机关服务品牌"}],
    ),
    dict(
        slug="churu-youjing", name="出入有境服务无境", unit="莱州市公安局出入境管理科", category="政务服务", color="#0f6e6e",
        logo_meaning="护照轮廓与无边界的圆环，寓意出入有境、服务无境。",
        slogan="出入有境，服务无境",
        positioning="为群众办理出入境证件，提供便捷、规范的出入境服务。",
        core_idea="出入有境服务无境",
        vision="让群众出入境办证像寄快递一样方便。",
        commitments=["普通护照 7 个工作日内签发", "急事急办开通绿色通道", "证件可选择邮寄送达"],
        standards=pick(STD, ["工作时限", "职权责任", "工作程序", "仪表服饰", "举止言行", "电话礼仪"]),
        culture=pick(CULTURE, ["工作理念", "服务理念", "作风"]),
        systems=["岗位责任制", "服务承诺制", "限时办结制", "首问负责制", "一次性告知制"],
        services=["护照办理", "往来港澳台通行证办理", "出入境咨询"],
        contact={"hotline": "12367", "complaint": "12367 移民管理服务热线", "address": "莱州市公安局出入境接待大厅", "hours": "工作日 9:00—17:00"},
        honors=[{"year": None, "title": "第二批莱州市机关服务品牌"}],
    ),
    dict(
        slug="xiaolv-zhujian", name="101%服务·效能住建", unit="市住房城乡建设局", category="城乡建设", color="#3d5a80",
        logo_meaning="“101%”寓意在百分之百完成职责之外多走一步。",
        slogan="服务多一分，效能高一筹",
        positioning="围绕理念最新、态度最好、效率最高、程序最简、成本最低、队伍最廉，打造住建系统服务品牌。",
        core_idea="理念最新、态度最好、效率最高、程序最简、成本最低、队伍最廉",
        vision="力争获得全市“十佳服务品牌”称号，建成服务优、绩效高、管理现代化的住建系统。",
        commitments=["建设工程审批事项在法定时限内提速 30%", "企业诉求 2 个工作日内响应", "窗口服务实行首问负责、一次性告知"],
        standards=pick(STD, ["工作时限", "职权责任", "工作程序", "仪表服饰", "举止言行", "电话礼仪", "服务禁忌"]),
        culture=pick(CULTURE, ["工作理念", "学习理念", "管理理念", "服务理念"]),
        systems=SYSTEMS[:6],
        services=["建设工程审批", "房产登记（阳光登记）", "燃气维修（尹超维修班）", "下水道养护（郭玉凤班）"],
        contact={"hotline": "12319", "complaint": "局软建办", "address": "市住房城乡建设局服务大厅", "hours": "工作日 8:30—17:00"},
        launched="2013-05",
    ),
    dict(
        slug="jiguan-shiwu-sanxin", name="守初心 行匠心 求知心", unit="济宁市机关事务服务中心", category="机关事务", color="#8a5a12",
        status="draft",
        logo_meaning="三颗心环环相扣，寓意守初心、行匠心、求知心。",
        slogan="把简单的事情重复做，把重复的事情精致做",
        positioning="以公车、综合保障、安保、生活、会议服务为重点，服务机关单位、干部职工和办事群众。",
        core_idea="守初心、行匠心、求知心",
        vision="队伍专业化、管理精细化、保障标准化、服务智能化。",
        commitments=["会议保障需求 2 小时内响应", "公务用车 30 分钟内派车", "每季度组织联络员体验评价"],
        standards=pick(STD, ["工作时限", "职权责任", "工作程序", "仪表服饰", "举止言行", "服务禁忌"]),
        culture=pick(CULTURE, ["工作理念", "服务理念", "作风"], 作风="严细实快"),
        systems=["岗位责任制", "服务承诺制", "限时办结制", "首问负责制"],
        services=["公务用车保障", "会议服务", "机关食堂", "安保服务"],
        contact={"hotline": "12345", "complaint": "中心发展规划科", "address": "济宁市机关事务服务中心"},
        launched="2020-07",
    ),
]


def brief(slug, name, unit, category, color, slogan, positioning, core_idea, vision, commitments, services,
          hotline, complaint, address, honors=(), launched=None, standards=("工作时限", "职权责任", "工作程序", "仪表服饰", "举止言行", "服务禁忌"),
          logo_meaning=None):
    """A brand from the seeds' lists, where the documents give little more than its name and unit."""
    return dict(
        slug=slug, name=name, unit=unit, category=category, color=color,
        logo_meaning=logo_meaning or f"以“{name[:2]}”二字为核心，圆环寓意{unit}服务群众、服务发展的初心。",
        slogan=slogan, positioning=positioning, core_idea=core_idea, vision=vision, commitments=commitments,
        standards=pick(STD, list(standards)), culture=pick(CULTURE, ["工作理念", "服务理念", "作风"]),
        systems=SYSTEMS[:5], services=services,
        contact={"hotline": hotline, "complaint": complaint, "address": address, "hours": "工作日 9:00—17:00"},
        **({"launched": launched} if launched else {}),
        honors=[{"year": None, "title": h} for h in honors],
    )


MINGPAI = "青岛市“机关名牌”"
BRANDS += [
    brief("zhongcheng-fuwu", "忠诚服务", "青岛市委办公厅", "党群工作", "#b3262d", "忠心为党、诚心为民、尽心服务",
          "完善决策参谋、执行促进、监督考核三个体系，为市委科学执政、民主执政、依法执政提供优质高效服务。",
          "忠诚、高效、务实、创新", "成为全市党委办公室系统的共同品牌。",
          ["来文办理当日登记、当日分送", "紧急文电 2 小时内处理完毕", "群众来信 15 个工作日内办结答复"],
          ["文电办理", "会议服务", "督查督办", "“我为青岛发展献计策”市民月活动"], "12345", "市委办公厅机关纪委", "青岛市委办公厅",
          honors=[MINGPAI]),
    brief("hongli-juxin", "弘理聚心", "青岛市委宣传部", "党群工作", "#a23b72", "弘扬真理，凝聚人心",
          "围绕理论武装、舆论引导、精神文明建设，为全市发展凝聚思想共识。", "弘理聚心",
          "让党的创新理论走进千家万户。", ["理论宣讲需求 5 个工作日内安排", "基层宣讲每季度不少于 1 次", "群众意见建议 10 个工作日内答复"],
          ["理论宣讲", "文明城市创建", "典型宣传"], "12345", "部机关纪委", "青岛市委宣传部", honors=[MINGPAI],
          logo_meaning="火炬与同心圆组合，寓意真理之光凝聚人心。"),
    brief("pingan-qingdao", "平安青岛", "青岛市委政法委", "执法监管", "#1d4e89", "公正执法，服务大局",
          "统筹政法各部门，建设人民群众安居乐业的平安城市。", "平安是最大的民生", "建设全国最安全的城市之一。",
          ["群众反映的治安问题 24 小时内转交办理", "矛盾纠纷 15 日内调处", "执法监督投诉 10 个工作日内答复"],
          ["平安建设", "矛盾纠纷调处", "执法监督"], "110", "12345 政务服务便民热线", "青岛市委政法委", honors=[MINGPAI]),
    brief("mouyuan-jianxing", "谋远健行", "青岛市发改委", "经济发展", "#3d5a80", "谋长远之策，行稳健之路",
          "高水平编制发展规划，以先进制造业为龙头，建设可持续发展的大工业体系。", "谋远健行",
          "让每一项规划都经得起时间检验。", ["项目审批在法定时限内提速 30%", "企业咨询 2 个工作日内答复", "规划编制全程公开征求意见"],
          ["发展规划编制", "投资项目审批", "价格监督"], "12345", "委机关纪委", "青岛市发展和改革委员会", honors=[MINGPAI]),
    brief("aixin-feiyang", "爱心飞扬", "青岛市民政局", "社会民生", "#a23b72", "让爱心在城乡飞扬",
          "精心打造阳光救助品牌，建立规范的城乡社会救助体系。", "以民为本、为民解困", "让每一个困难群众都能感受到温暖。",
          ["低保申请 20 个工作日内审批", "临时救助急难情形 24 小时内先行救助", "婚姻登记即来即办"],
          ["城乡低保", "临时救助", "婚姻登记", "养老服务"], "12345", "局机关纪委", "青岛市民政局", honors=[MINGPAI]),
    brief("rencheng-shigong", "人诚事公", "青岛市人事局", "政务服务", "#5b3a8c", "待人诚心，办事公正",
          "把文明服务纳入公务员年度公共目标考核，把服务态度、办事时限纳入考核内容。", "人诚事公",
          "建设人民满意的人事部门。", ["人事业务材料齐全的当场办结", "政策咨询 1 个工作日内答复", "考试录用全程公开"],
          ["公务员录用", "职称评审", "人事政策咨询"], "12345", "局机关纪委", "青岛市人事局", honors=[MINGPAI]),
    brief("bihai-lantian", "碧海蓝天", "青岛市环保局", "城乡建设", "#0f6e6e", "心系碧海蓝天",
          "以创建环保模范城市为抓手，守护青岛的碧海蓝天。", "情注朝阳事业、心系碧海蓝天",
          "让市民推窗见蓝天、出门见碧海。", ["环境污染举报 24 小时内到场", "环评审批在法定时限内提速 30%", "环境质量信息每日公开"],
          ["环境影响评价", "环境执法", "环境信息公开"], "12369", "12369 环保举报热线", "青岛市环境保护局", honors=[MINGPAI]),
    brief("chengjiu-jinghe", "诚就竞合", "青岛市经贸委", "经济发展", "#2f6b3b", "以诚成就合作共赢",
          "积极推进“大企业服务直通车”制度，推出“窗口式”“一站式”“登门式”服务。", "诚就竞合",
          "做企业最信赖的服务者。", ["企业诉求 2 个工作日内响应", "重点企业每季度上门走访 1 次", "涉企政策 5 个工作日内解读到位"],
          ["大企业服务直通车", "企业政策咨询", "技术改造服务"], "12345", "委机关纪委", "青岛市经济贸易委员会", honors=[MINGPAI]),
    brief("qianshou-shijie", "牵手世界", "青岛市外经贸局", "经济发展", "#1d4e89", "牵手世界，开放青岛",
          "率先探索自由贸易区，发挥特殊区域开放带动作用。", "开放、服务、共赢",
          "让青岛与世界联系得更紧密。", ["外资企业设立 3 个工作日内办结", "外贸企业咨询当日答复", "涉外展会信息每月发布"],
          ["外资审批", "外贸服务", "中国青岛韩国周"], "12345", "局机关纪委", "青岛市对外贸易经济合作局", honors=[MINGPAI]),
    brief("jiankang-dunpai", "健康盾牌", "青岛市卫生局", "社会民生", "#b3262d", "守护市民健康",
          "完善健康保障体系，筑牢公共卫生安全防线。", "健康所系、性命相托",
          "让市民病有所医、医有所保。", ["卫生许可材料齐全的 10 个工作日内办结", "突发公共卫生事件 2 小时内响应", "医疗投诉 15 个工作日内答复"],
          ["卫生许可", "公共卫生应急", "医疗投诉处理"], "12320", "12320 卫生热线", "青岛市卫生局", honors=[MINGPAI]),
    brief("weimin-hucai", "为民护财", "青岛市审计局", "执法监管", "#8a5a12", "为民理财，为国护财",
          "依法审计，守护公共资金安全。", "依法、独立、客观、公正",
          "让每一笔公共资金都用在明处。", ["审计报告在法定时限内出具", "审计结果依法向社会公告", "被审计单位意见 5 个工作日内反馈"],
          ["财政审计", "经济责任审计", "审计结果公告"], "12345", "局机关纪委", "青岛市审计局", honors=[MINGPAI]),
    brief("youke-zhiyou", "游客知友", "青岛市旅游局", "经济发展", "#0f6e6e", "做游客的知心朋友",
          "以游客满意为标准，提升旅游服务质量。", "游客至上", "让每一位游客乘兴而来、满意而归。",
          ["旅游投诉 24 小时内受理", "一般投诉 5 个工作日内办结", "旅游旺季每日发布景区客流信息"],
          ["旅游投诉处理", "旅游咨询", "景区服务监督"], "12345", "12345 旅游投诉专线", "青岛市旅游局", honors=[MINGPAI],
          logo_meaning="由“做游客知心朋友”提炼而来，海鸥与笑脸组合，寓意热情好客。"),
    brief("tiexin-niangjia", "贴心娘家", "青岛市妇联", "党群工作", "#a23b72", "妇女儿童的贴心娘家",
          "维护妇女儿童合法权益，为妇女儿童办实事。", "维权、服务、关爱", "让每一位妇女都有可以依靠的娘家。",
          ["维权来访当日接待", "家庭纠纷 10 个工作日内调解", "困难妇女帮扶 5 个工作日内入户"],
          ["妇女维权", "家庭教育指导", "困难妇女帮扶"], "12338", "12338 妇女维权热线", "青岛市妇女联合会", honors=[MINGPAI]),
    brief("xingji-fumin", "兴机富民", "青岛市农机局", "经济发展", "#2f6b3b", "兴农机，富农民",
          "推广先进适用农业机械，服务农民增收。", "兴机富民", "让农业机械走进每一个村庄。",
          ["农机购置补贴申请 10 个工作日内审核", "农机故障报修 24 小时内响应", "每年免费培训农机手不少于 500 人次"],
          ["农机购置补贴", "农机手培训", "农机维修服务"], "12316", "12316 三农服务热线", "青岛市农业机械管理局", honors=[MINGPAI]),
    brief("yangguang-guoshui", "阳光国税", "日照市国税局", "政务服务", "#1d4e89", "服务零距离，执法全透明",
          "以“服务零距离、执法全透明”为宗旨，推进阳光办税。", "阳光国税", "建设纳税人满意的阳光税务。",
          ["一般涉税事项即时办结", "纳税咨询 1 个工作日内答复", "税收执法依据和流程全部公开"],
          ["办税服务", "纳税咨询", "税收宣传"], "12366", "12366 纳税服务热线", "日照市国家税务局办税服务厅"),
    brief("fengxian-tongji", "奉献统计", "日照市统计局机关党总支", "党群工作", "#5b3a8c", "奉献统计，服务发展",
          "以党建带队建，延伸和拓展服务品牌创建的范围和层次。", "奉献", "建设一支甘于奉献的统计队伍。",
          ["党员每月开展 1 次志愿服务", "统计数据咨询 2 个工作日内答复", "基层统计业务培训每年不少于 4 次"],
          ["统计咨询", "基层统计培训", "党员志愿服务"], "12345", "局机关纪委", "日照市统计局",
          honors=["全市机关党的工作创新奖"]),
    brief("yiwang-qingshen", "移网情深", "日照移动公司", "经济发展", "#0f6e6e", "移动网络，情深意长",
          "以客户为中心，提供优质通信服务。", "正德厚生、臻于至善", "做客户最信赖的通信服务者。",
          ["故障申告 24 小时内修复", "营业厅排队不超过 15 分钟", "投诉 48 小时内答复"],
          ["通信业务办理", "网络故障维修", "农村信息化服务"], "10086", "10086 客服热线", "日照移动营业厅",
          honors=["省级服务名牌"]),
    brief("qingshui-limin", "清水利民", "泰州市水利局", "城乡建设", "#1d4e89", "一泓清水，造福于民",
          "以水利工程建设和水资源管理服务民生。", "清水利民", "让群众喝上放心水、住上安心房。",
          ["取水许可 20 个工作日内办结", "防汛险情接报后 1 小时内到场", "涉水投诉 5 个工作日内答复"],
          ["取水许可", "防汛抗旱", "水利工程建设"], "12345", "局机关纪委", "泰州市水利局"),
    brief("chengxin-jinye", "诚信金叶", "齐齐哈尔市烟草专卖局", "执法监管", "#8a5a12", "诚信经营，规范管理",
          "依法监管卷烟市场，服务零售客户诚信经营。", "诚信", "建设诚信、规范的卷烟市场。",
          ["零售许可证材料齐全的 10 个工作日内办结", "市场举报 24 小时内核查", "每月走访零售客户不少于 1 次"],
          ["烟草专卖许可", "市场监管", "零售客户服务"], "12313", "12313 烟草服务热线", "齐齐哈尔市烟草专卖局"),
    brief("huanwei-tujidui", "环卫突击队", "齐齐哈尔市城管局", "城乡建设", "#2f6b3b", "哪里需要就到哪里",
          "承担全市环境卫生急难险重任务。", "不怕脏、不怕累", "让鹤城的街道天天干净。",
          ["群众反映的卫生问题 2 小时内处理", "降雪后 24 小时内清理主干道", "重大活动环境保障零投诉"],
          ["道路清扫", "清雪除冰", "重大活动保障"], "12319", "12319 城管热线", "齐齐哈尔市城市管理局"),
    brief("qingchun-huhang", "青春护航", "齐齐哈尔团市委", "党群工作", "#b3262d", "为青少年成长护航",
          "关爱青少年成长，维护青少年合法权益。", "青春、责任、服务", "让每一位青少年健康成长。",
          ["青少年维权来访当日接待", "困难学生助学申请 10 个工作日内答复", "每学期进校园开展法治宣传"],
          ["青少年维权", "助学帮扶", "青年志愿服务"], "12355", "12355 青少年服务台", "齐齐哈尔团市委",
          honors=["第二批齐齐哈尔市机关服务品牌"]),
]


def _hex(color: str) -> tuple[int, int, int]:
    return tuple(int(color[i:i + 2], 16) for i in (1, 3, 5))


def _people(d, y: int, count: int, seed: int, scale: float = 1.0) -> None:
    tones = [(70, 80, 95), (120, 60, 60), (60, 90, 120), (90, 90, 90), (150, 110, 70), (40, 60, 80)]
    for i in range(count):
        x = 60 + (i * 997 + seed * 131) % 1080
        h = int((150 + (i * 37 + seed) % 40) * scale)
        w = int(h * 0.36)
        tone = tones[(i + seed) % len(tones)]
        d.rounded_rectangle((x - w // 2, y - h, x + w // 2, y), radius=w // 2, fill=tone)
        r = int(h * 0.13)
        d.ellipse((x - r, y - h - 2 * r - 4, x + r, y - h - 4), fill=(235, 200, 170))


def demo_photo(name: str, unit: str, color: str, kind: str, seed: int):
    """A drawn stand-in for a real photo: a service hall, or an open-day event, in the brand's colour."""
    from PIL import Image, ImageDraw

    from generator import fonts

    w, h = 1200, 800
    im = Image.new("RGB", (w, h), (236, 231, 222))
    d = ImageDraw.Draw(im)
    rgb = _hex(color)
    for y in range(h // 2):  # a softly lit wall
        t = y / (h / 2)
        d.line((0, y, w, y), fill=tuple(int(245 - 20 * t) for _ in range(3)))
    big, small = fonts.load(64), fonts.load(30, "regular")
    if kind == "hall":
        d.rectangle((0, 60, w, 160), fill=rgb)
        if big:
            d.text((w / 2, 110), name, font=big, fill="white", anchor="mm")
        for i in range(4):
            x0 = 80 + i * 270
            d.rectangle((x0, 230, x0 + 220, 420), fill=(200, 222, 236), outline=(150, 160, 170), width=4)
            if small:
                d.text((x0 + 110, 260), f"{i + 1} 号窗口", font=small, fill=(40, 50, 60), anchor="mm")
        d.rectangle((0, 420, w, 520), fill=(139, 94, 60))
        d.rectangle((0, 520, w, h), fill=(196, 196, 190))
        for x in range(0, w, 120):
            d.line((x, 520, x - 200, h), fill=(180, 180, 174), width=2)
        _people(d, 700, 6, seed)
    else:
        d.rectangle((0, 0, w, h), fill=(60, 40, 40))
        d.rectangle((120, 70, w - 120, 420), fill=rgb)
        if big:
            d.text((w / 2, 200), f"“{name}”", font=big, fill="white", anchor="mm")
        if small:
            d.text((w / 2, 300), f"服务品牌开放日 · {unit}", font=small, fill=(255, 240, 220), anchor="mm")
        d.rectangle((0, 430, w, h), fill=(90, 70, 60))
        _people(d, 800, 14, seed, 1.3)
    return im


def photos_for(spec: dict) -> list[tuple[str, str, str]]:
    """(file, caption, kind) for a demo brand: every brand shows its hall; featured ones an open day too."""
    out = [("photos/01.jpg", f"{spec['unit']}服务大厅", "hall")]
    if spec.get("story") or spec["slug"] in FEATURED:
        out.append(("photos/02.jpg", f"“{spec['name']}”品牌开放日活动", "event"))
    return out


FEATURED = {"wendang-lianxinqiao", "yangguang-guihua", "zhenqing-xiangzhu", "mianduimian-xintiexin"}


def write_brand(spec: dict) -> None:
    spec = dict(spec)
    slug, color, story = spec.pop("slug"), spec.pop("color"), spec.pop("story", None)
    folder = ROOT / "brands" / slug
    folder.mkdir(parents=True, exist_ok=True)
    emblem.draw(spec["name"].replace("、", "").replace("101%服务·", ""), color, mark=spec["unit"][:12]).save(folder / "logo.png", optimize=True)
    shots = photos_for({"slug": slug, "story": story, **spec})
    for i, (file, _, kind) in enumerate(shots):
        (folder / file).parent.mkdir(exist_ok=True)
        demo_photo(spec["name"], spec["unit"], color, kind, seed=len(slug) + i).save(folder / file, "JPEG", quality=78, optimize=True)
    data = {"name": spec.pop("name"), "unit": spec.pop("unit"), "category": spec.pop("category"), "logo": "logo.png"}
    data.update(spec)
    data["gallery"] = [{"file": file, "caption": caption} for file, caption, _ in shots]
    if "honors" in data:  # an honour without a known year is written without one
        data["honors"] = [{k: v for k, v in h.items() if v is not None} for h in data["honors"]]
    (folder / "brand.yml").write_text(
        yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000, default_flow_style=False), "utf-8")
    if story:
        (folder / "story.md").write_text(story, "utf-8")


if __name__ == "__main__":
    for spec in BRANDS:
        write_brand(spec)
    print(f"wrote {len(BRANDS)} brands")
