"""Xinghua's subdistricts and towns (addresses only) and the programme's stations."""

from __future__ import annotations

TOWNS = (
    "昭阳街道 临城街道 垛田街道 戴窑镇 合陈镇 永丰镇 新垛镇 安丰镇 海南镇 钓鱼镇 大邹镇 沙沟镇 中堡镇 "
    "李中镇 西郊镇 竹泓镇 沈伦镇 大垛镇 荻垛镇 陶庄镇 昌荣镇 茅山镇 周庄镇 陈堡镇 戴南镇 张郭镇 "
    "大营镇 下圩镇 城东镇 老圩乡 周奋乡 缸顾乡 西鲍乡 林湖乡"
).split()
URBAN = TOWNS[:3]
ROADS = (
    "英武路",
    "长安路",
    "五里路",
    "丰收路",
    "牌楼路",
    "府前街",
    "人民路",
    "阳山路",
    "板桥路",
    "楚水路",
    "兴姜路",
    "沿河路",
)

# Station counts from the programme: 1 + 56 + 7 + 14 + 3.
STATION_COUNTS = {
    "service_centre": 1,
    "warm_bee": 56,
    "rideshare_demo": 7,
    "driver": 14,
    "venue": 3,
}
WARM_BEE_HOSTS = ("party_centre", "guidance_station", "petrol_station", "convenience_store")
AMENITIES = {
    "service_centre": "休息座椅、饮用水、微波炉、充电设施、阅览室、会议室、党员活动室、法律咨询",
    "warm_bee": "休息座椅、饮用水、微波炉、手机充电、医药箱、雨具、图书角",
    "rideshare_demo": "休息室、饮用水、车辆简易维修工具、党建宣传栏、手机充电",
    "driver": "休息室、淋浴间、饮用水、停车位、餐饮、医药箱",
    "venue": "直播间、会议室、培训教室、党员活动室、网络",
}
HOURS = {
    "service_centre": "08:30–17:30（周一至周五）",
    "warm_bee": "07:00–21:00",
    "rideshare_demo": "全天开放",
    "driver": "全天开放",
    "venue": "09:00–18:00",
}
