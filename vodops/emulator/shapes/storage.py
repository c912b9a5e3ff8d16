"""Storage regions: the regions VOD can store media in, and the requests of CreateStorageRegion,
ModifyDefaultStorageRegion and DescribeStorageRegions (api.json 2018-07-17).

The catalogue is Tencent's list of supported storage regions (document 266/9760), each with the
`Description` and `Area` that DescribeStorageRegions shows.
"""

from __future__ import annotations

from ..schema import Struct, string
from .common import request

_MAINLAND = "Chinese Mainland"
_OUTSIDE = "Outside Chinese Mainland"
REGIONS: dict[str, tuple[str, str]] = {
    "ap-chongqing": ("重庆", _MAINLAND),
    "ap-beijing": ("北京", _MAINLAND),
    "ap-shanghai": ("上海", _MAINLAND),
    "ap-guangzhou": ("广州", _MAINLAND),
    "ap-chengdu": ("成都", _MAINLAND),
    "ap-nanjing": ("南京", _MAINLAND),
    "ap-hongkong": ("中国香港", _OUTSIDE),
    "ap-singapore": ("新加坡", _OUTSIDE),
    "ap-tokyo": ("东京", _OUTSIDE),
    "ap-seoul": ("首尔", _OUTSIDE),
    "ap-mumbai": ("孟买", _OUTSIDE),
    "ap-bangkok": ("曼谷", _OUTSIDE),
    "ap-jakarta": ("雅加达", _OUTSIDE),
    "na-siliconvalley": ("硅谷", _OUTSIDE),
    "na-ashburn": ("弗吉尼亚", _OUTSIDE),
    "na-toronto": ("多伦多", _OUTSIDE),
    "eu-frankfurt": ("法兰克福", _OUTSIDE),
    "sa-saopaulo": ("圣保罗", _OUTSIDE),
}
# What a new application has: storage opened in Chongqing, its default (Tencent's own example).
FIRST_REGION = "ap-chongqing"

_REGION = string("StorageRegion", required=True)
CREATE = request("CreateStorageRegion", _REGION)
MODIFY_DEFAULT = request("ModifyDefaultStorageRegion", _REGION)
DESCRIBE: Struct = request("DescribeStorageRegions")
