"""An operating system's refusal (a full disk, a read-only folder, a file in use) said in Chinese, for every
command and every reader of files: the system's own text is English."""

from __future__ import annotations

import errno

_ERRNO_ZH = {
    errno.ENOSPC: "磁盘空间不足", errno.EDQUOT: "磁盘配额已用完", errno.EROFS: "这个位置是只读的",
    errno.EACCES: "没有写入权限", errno.EPERM: "没有权限", errno.ENOENT: "找不到文件或文件夹",
    errno.EISDIR: "这里是一个文件夹", errno.ENOTDIR: "路径中有一段不是文件夹", errno.ENAMETOOLONG: "路径太长",
    errno.EMFILE: "同时打开的文件太多", errno.EIO: "磁盘读写出错",
    errno.EEXIST: "已经有同名的文件或文件夹", errno.ENOTEMPTY: "文件夹不是空的", errno.EBUSY: "文件正被别的程序占用",
    errno.ELOOP: "符号链接绕成了圈", errno.EXDEV: "不能跨磁盘移动", errno.EINVAL: "文件名或路径无效",
}


def why(exc: OSError) -> str:
    """Why a file could not be written, in Chinese, with the path: "磁盘空间不足：/var/www/site"."""
    reason = _ERRNO_ZH.get(exc.errno) or (f"操作系统拒绝了这个操作（错误码 {exc.errno}）" if exc.errno else "读写出错")
    return f"{reason}：{exc.filename}" if exc.filename else reason
