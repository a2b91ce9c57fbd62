"""The reference's CAN raw socket example, written for pysock: on a CAN
interface (vcan0 by default) echoes every frame it receives and sends a frame
of its own after each. Linux only; needs the interface (`ip link add vcan0
type vcan`) and may need privileges.

usage: python examples/can_raw.py [INTERFACE] [FRAMES]    (default vcan0, forever)"""
import struct
import sys

import pysock as socket

INTERFACE = sys.argv[1] if len(sys.argv) > 1 else 'vcan0'
FRAMES = int(sys.argv[2]) if len(sys.argv) > 2 else None

# CAN frame packing/unpacking (see 'struct can_frame' in <linux/can.h>)

can_frame_fmt = "=IB3x8s"
can_frame_size = struct.calcsize(can_frame_fmt)

def build_can_frame(can_id, data):
    can_dlc = len(data)
    data = data.ljust(8, b'\x00')
    return struct.pack(can_frame_fmt, can_id, can_dlc, data)

def dissect_can_frame(frame):
    can_id, can_dlc, data = struct.unpack(can_frame_fmt, frame)
    return (can_id, can_dlc, data[:can_dlc])

# create a raw socket and bind it to the 'vcan0' interface
s = socket.socket(socket.AF_CAN, socket.SOCK_RAW, socket.CAN_RAW)
s.bind((INTERFACE,))
print('Bound to', INTERFACE, flush=True)

received = 0
while FRAMES is None or received < FRAMES:
    cf, addr = s.recvfrom(can_frame_size)
    received += 1

    print('Received: can_id=%x, can_dlc=%x, data=%s' % dissect_can_frame(cf), flush=True)

    try:
        s.send(cf)
    except OSError:
        print('Error sending CAN frame')

    try:
        s.send(build_can_frame(0x01, b'\x01\x02\x03'))
    except OSError:
        print('Error sending CAN frame')
