"""The legacy VOD server API (seed 004, `GET|POST /v2/index.php`) over the emulator's one store:
`protocol` (form decoding, HmacSHA1/HmacSHA256 verification, the flat envelope), `params` (typed
parameters with the seed's codes), the actions per kind (`transcode`, `watermark`, `classes`),
the legacy `presets`, and `frontend`, the door the Emulator routes legacy requests through."""
