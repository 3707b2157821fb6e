# Launcher step 'decompress', with
#   _miprig_step = [key, file, 'gzip' | 'zlib' | 'raw', wbits]
# prints `miprig-decompress: <key>\t<result>` (a tab: a key may hold spaces). Needs
# _miprig_decompress (decompress.py).
print('miprig-decompress: ' + _miprig_step[0] + '\t' + _miprig_decompress(_miprig_step[1], _miprig_step[2], _miprig_step[3]))
