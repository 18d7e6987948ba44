#!/bin/sh
# A stand-in for ffmpeg on a full disk: decoding to a pipe works (the real ffmpeg,
# @FFMPEG@, does it); writing a file fails with ffmpeg's own message.
for last in "$@"; do :; done
case "$last" in
  pipe:*|-) exec "@FFMPEG@" "$@" ;;
esac
echo "[out#0/mp3 @ 0x55d0c0a1b2c0] Error opening output $last: No space left on device" >&2
echo "Error opening output file $last." >&2
exit 254
