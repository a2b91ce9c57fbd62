//! The part of CPython's stable ABI (Py_LIMITED_API 3.11) that `_core` uses,
//! declared by hand. Names mirror Python.h exactly so that
//! tests/test_stable_abi.py can check every struct layout and constant here
//! against the host's real headers. binding/python3.def lists the same
//! functions and data for the Windows import library.

pub const Py_ssize_t = isize;

pub const PyObject = extern struct {
    ob_refcnt: Py_ssize_t,
    ob_type: ?*PyTypeObject,
};
/// Opaque under the limited API.
pub const PyTypeObject = opaque {};

pub const PyCFunction = *const fn (?*PyObject, ?*PyObject) callconv(.c) ?*PyObject;

pub const PyMethodDef = extern struct {
    ml_name: ?[*:0]const u8,
    ml_meth: ?*const anyopaque,
    ml_flags: c_int,
    ml_doc: ?[*:0]const u8,
};

pub const getter = *const fn (*PyObject, ?*anyopaque) callconv(.c) ?*PyObject;
pub const setter = *const fn (*PyObject, ?*PyObject, ?*anyopaque) callconv(.c) c_int;

pub const PyGetSetDef = extern struct {
    name: ?[*:0]const u8,
    get: ?getter,
    set: ?setter,
    doc: ?[*:0]const u8,
    closure: ?*anyopaque,
};

pub const PyModuleDef_Base = extern struct {
    ob_base: PyObject,
    m_init: ?*const fn () callconv(.c) ?*PyObject,
    m_index: Py_ssize_t,
    m_copy: ?*PyObject,
};

pub const PyModuleDef = extern struct {
    m_base: PyModuleDef_Base,
    m_name: [*:0]const u8,
    m_doc: ?[*:0]const u8,
    m_size: Py_ssize_t,
    m_methods: ?[*]const PyMethodDef,
    m_slots: ?*anyopaque,
    m_traverse: ?*const anyopaque,
    m_clear: ?*const anyopaque,
    m_free: ?*const anyopaque,
};

pub const PyType_Slot = extern struct {
    slot: c_int,
    pfunc: ?*const anyopaque,
};

pub const PyType_Spec = extern struct {
    name: [*:0]const u8,
    basicsize: c_int,
    itemsize: c_int,
    flags: c_uint,
    slots: [*]const PyType_Slot,
};

pub const Py_buffer = extern struct {
    buf: ?*anyopaque,
    obj: ?*PyObject,
    len: Py_ssize_t,
    itemsize: Py_ssize_t,
    readonly: c_int,
    ndim: c_int,
    format: ?[*:0]u8,
    shape: ?*Py_ssize_t,
    strides: ?*Py_ssize_t,
    suboffsets: ?*Py_ssize_t,
    internal: ?*anyopaque,
};

pub const PyThreadState = opaque {};

pub const PYTHON_API_VERSION: c_int = 1013;
pub const PYTHON_ABI_VERSION: c_int = 3;

pub const METH_VARARGS: c_int = 0x0001;
pub const METH_KEYWORDS: c_int = 0x0002;
pub const METH_NOARGS: c_int = 0x0004;
pub const METH_O: c_int = 0x0008;
pub const METH_FASTCALL: c_int = 0x0080;

pub const Py_TPFLAGS_IMMUTABLETYPE: c_ulong = 1 << 8;
pub const Py_TPFLAGS_BASETYPE: c_ulong = 1 << 10;
pub const Py_TPFLAGS_HAVE_VERSION_TAG: c_ulong = 1 << 18;
/// 0 since 3.10: every type gets the version tag without asking.
pub const Py_TPFLAGS_DEFAULT: c_ulong = 0;
pub const Py_TPFLAGS_LONG_SUBCLASS: c_ulong = 1 << 24;
pub const Py_TPFLAGS_TUPLE_SUBCLASS: c_ulong = 1 << 26;
pub const Py_TPFLAGS_BYTES_SUBCLASS: c_ulong = 1 << 27;
pub const Py_TPFLAGS_UNICODE_SUBCLASS: c_ulong = 1 << 28;

pub const Py_tp_alloc: c_int = 47;
pub const Py_tp_dealloc: c_int = 52;
pub const Py_tp_doc: c_int = 56;
pub const Py_tp_init: c_int = 60;
pub const Py_tp_methods: c_int = 64;
pub const Py_tp_new: c_int = 65;
pub const Py_tp_repr: c_int = 66;
pub const Py_tp_getset: c_int = 73;
pub const Py_tp_free: c_int = 74;
pub const Py_tp_finalize: c_int = 80;

pub const PyBUF_SIMPLE: c_int = 0;
pub const PyBUF_WRITABLE: c_int = 0x0001;

// -- data -------------------------------------------------------------------
/// The running interpreter's version (PY_VERSION_HEX), for the few places
/// where the stdlib's behaviour changed between versions.
pub extern var Py_Version: c_ulong;
pub extern var _Py_NoneStruct: PyObject;
pub extern var _Py_TrueStruct: PyObject;
pub extern var _Py_FalseStruct: PyObject;
pub extern var PyExc_OSError: *PyObject;
pub extern var PyExc_TypeError: *PyObject;
pub extern var PyExc_ValueError: *PyObject;
pub extern var PyExc_OverflowError: *PyObject;
pub extern var PyExc_TimeoutError: *PyObject;
pub extern var PyExc_ImportError: *PyObject;
pub extern var PyExc_ResourceWarning: *PyObject;
pub extern var PyExc_UnicodeError: *PyObject;
pub extern var PyExc_SystemError: *PyObject;
pub extern var PyExc_NotImplementedError: *PyObject;
pub extern var PyFloat_Type: PyTypeObject;
pub extern var PyByteArray_Type: PyTypeObject;
pub extern var PyLong_Type: PyTypeObject;
pub extern var PyBytes_Type: PyTypeObject;
pub extern var PyExc_RuntimeError: *PyObject;
pub extern var PyExc_RuntimeWarning: *PyObject;

// -- functions ----------------------------------------------------------------
pub extern fn Py_IncRef(o: ?*PyObject) void;
pub extern fn Py_DecRef(o: ?*PyObject) void;
pub extern fn PyModule_Create2(def: *PyModuleDef, api: c_int) ?*PyObject;
pub extern fn PyModule_AddObjectRef(m: *PyObject, name: [*:0]const u8, v: *PyObject) c_int;
pub extern fn PyType_FromSpec(spec: *const PyType_Spec) ?*PyObject;
pub extern fn PyType_GetSlot(t: *PyTypeObject, slot: c_int) ?*anyopaque;
pub extern fn PyType_GetFlags(t: *PyTypeObject) c_ulong;
pub extern fn PyType_IsSubtype(a: *PyTypeObject, b: *PyTypeObject) c_int;

pub extern fn PyErr_SetString(t: *PyObject, msg: [*:0]const u8) void;
pub extern fn PyErr_SetObject(t: *PyObject, v: *PyObject) void;
pub extern fn PyErr_Occurred() ?*PyObject;
pub extern fn PyErr_ExceptionMatches(t: *PyObject) c_int;
pub extern fn PyErr_Clear() void;
pub extern fn PyErr_CheckSignals() c_int;
pub extern fn PyErr_NoMemory() ?*PyObject;
pub extern fn PyErr_NewException(name: [*:0]const u8, base: ?*PyObject, dict: ?*PyObject) ?*PyObject;
pub extern fn PyErr_ResourceWarning(source: ?*PyObject, stack_level: Py_ssize_t, format: [*:0]const u8, ...) c_int;
pub extern fn PyErr_Fetch(t: *?*PyObject, v: *?*PyObject, tb: *?*PyObject) void;
pub extern fn PyErr_Restore(t: ?*PyObject, v: ?*PyObject, tb: ?*PyObject) void;
pub extern fn PyErr_WriteUnraisable(o: ?*PyObject) void;
pub extern fn PyErr_WarnEx(category: *PyObject, message: [*:0]const u8, stack_level: Py_ssize_t) c_int;

pub extern fn PyLong_FromLong(v: c_long) ?*PyObject;
pub extern fn PyLong_FromLongLong(v: c_longlong) ?*PyObject;
pub extern fn PyLong_FromUnsignedLongLong(v: c_ulonglong) ?*PyObject;
pub extern fn PyLong_FromSsize_t(v: Py_ssize_t) ?*PyObject;
pub extern fn PyLong_AsLong(o: *PyObject) c_long;
pub extern fn PyLong_AsLongLong(o: *PyObject) c_longlong;
pub extern fn PyLong_AsLongAndOverflow(o: *PyObject, overflow: *c_int) c_long;
pub extern fn PyLong_AsSsize_t(o: *PyObject) Py_ssize_t;
pub extern fn PyLong_AsUnsignedLongLong(o: *PyObject) c_ulonglong;
pub extern fn PyLong_AsUnsignedLongLongMask(o: *PyObject) c_ulonglong;
pub extern fn PyLong_AsUnsignedLong(o: *PyObject) c_ulong;
pub extern fn PyLong_AsUnsignedLongMask(o: *PyObject) c_ulong;
pub extern fn PyNumber_Index(o: *PyObject) ?*PyObject;
pub extern fn PyIndex_Check(o: *PyObject) c_int;
pub extern fn PyFloat_FromDouble(v: f64) ?*PyObject;
pub extern fn PyFloat_AsDouble(o: *PyObject) f64;
pub extern fn PyNumber_Float(o: *PyObject) ?*PyObject;
pub extern fn PyBool_FromLong(v: c_long) ?*PyObject;

pub extern fn PyBytes_FromStringAndSize(s: ?[*]const u8, n: Py_ssize_t) ?*PyObject;
pub extern fn PyBytes_AsString(o: *PyObject) ?[*]u8;
pub extern fn PyBytes_Size(o: *PyObject) Py_ssize_t;
pub extern fn PyByteArray_AsString(o: *PyObject) [*]u8;
pub extern fn PyByteArray_Size(o: *PyObject) Py_ssize_t;
pub extern fn PyUnicode_FromString(s: [*:0]const u8) ?*PyObject;
pub extern fn PyUnicode_InternFromString(s: [*:0]const u8) ?*PyObject;
pub extern fn PyUnicode_FromStringAndSize(s: [*]const u8, n: Py_ssize_t) ?*PyObject;
pub extern fn PyUnicode_AsUTF8AndSize(o: *PyObject, size: ?*Py_ssize_t) ?[*:0]const u8;
pub extern fn PyUnicode_AsEncodedString(o: *PyObject, encoding: [*:0]const u8, errors: ?[*:0]const u8) ?*PyObject;
pub extern fn PyUnicode_AsASCIIString(o: *PyObject) ?*PyObject;
pub extern fn PyUnicode_DecodeFSDefaultAndSize(s: [*]const u8, n: Py_ssize_t) ?*PyObject;
pub extern fn PyUnicode_DecodeUTF8(s: [*]const u8, n: Py_ssize_t, errors: ?[*:0]const u8) ?*PyObject;
pub extern fn PyDict_New() ?*PyObject;
pub extern fn PyDict_SetItem(d: *PyObject, key: *PyObject, value: *PyObject) c_int;
pub extern fn PyUnicode_EncodeFSDefault(o: *PyObject) ?*PyObject;
pub extern fn PyUnicode_FSConverter(o: ?*PyObject, result: *?*PyObject) c_int;
pub extern fn PyUnicode_FromFormat(format: [*:0]const u8, ...) ?*PyObject;

pub extern fn PyTuple_New(n: Py_ssize_t) ?*PyObject;
pub extern fn PyTuple_SetItem(t: *PyObject, i: Py_ssize_t, o: *PyObject) c_int;
pub extern fn PyTuple_GetItem(t: *PyObject, i: Py_ssize_t) ?*PyObject;
pub extern fn PyTuple_Size(t: *PyObject) Py_ssize_t;
pub extern fn PyList_New(n: Py_ssize_t) ?*PyObject;
pub extern fn PyList_Append(l: *PyObject, o: *PyObject) c_int;
/// Steals `o`; for filling a list made with PyList_New(n).
pub extern fn PyList_SetItem(l: *PyObject, i: Py_ssize_t, o: *PyObject) c_int;
pub extern fn PySequence_Check(o: *PyObject) c_int;
pub extern fn PySequence_Fast(o: *PyObject, message: [*:0]const u8) ?*PyObject;
pub extern fn PySequence_Size(o: *PyObject) Py_ssize_t;
pub extern fn PySequence_GetItem(o: *PyObject, i: Py_ssize_t) ?*PyObject;

pub extern fn PyObject_GetBuffer(o: *PyObject, view: *Py_buffer, flags: c_int) c_int;
pub extern fn PyBuffer_Release(view: *Py_buffer) void;
pub extern fn PyObject_CheckBuffer(o: *PyObject) c_int;
pub extern fn PyObject_Call(callable: *PyObject, args: *PyObject, kwargs: ?*PyObject) ?*PyObject;
pub extern fn PyObject_Repr(o: *PyObject) ?*PyObject;
pub extern fn PyObject_Str(o: *PyObject) ?*PyObject;
pub extern fn PyObject_IsTrue(o: *PyObject) c_int;
pub extern fn PyImport_ImportModule(name: [*:0]const u8) ?*PyObject;
pub extern fn PyObject_GetAttrString(o: *PyObject, name: [*:0]const u8) ?*PyObject;
pub extern fn PyArg_ParseTupleAndKeywords(args: *PyObject, kw: ?*PyObject, format: [*:0]const u8, names: [*]const ?[*:0]const u8, ...) c_int;

/// Borrowed. (PySys_Audit joined the stable ABI only in 3.13, so audit events
/// go through `sys.audit`, which python3.dll of 3.11 and 3.12 also reach.)
pub extern fn PyCapsule_New(pointer: *anyopaque, name: ?[*:0]const u8, destructor: ?*const fn (?*PyObject) callconv(.c) void) ?*PyObject;
pub extern fn PySys_GetObject(name: [*:0]const u8) ?*PyObject;

pub extern fn PyEval_SaveThread() ?*PyThreadState;
pub extern fn PyEval_RestoreThread(ts: ?*PyThreadState) void;
pub extern fn PyMem_Malloc(n: usize) ?*anyopaque;
pub extern fn PyMem_Calloc(nelem: usize, elsize: usize) ?*anyopaque;
pub extern fn PyMem_Free(p: ?*anyopaque) void;

// -- the macros of Python.h, as functions --------------------------------------
pub inline fn atLeast(major: c_ulong, minor: c_ulong) bool {
    return Py_Version >= (major << 24) | (minor << 16);
}
pub inline fn Py_None() *PyObject {
    return &_Py_NoneStruct;
}
pub inline fn Py_TYPE(o: *PyObject) *PyTypeObject {
    return o.ob_type.?;
}
pub inline fn typeAsObject(o: *PyObject) *PyObject {
    return @ptrCast(@alignCast(o.ob_type.?));
}
pub inline fn typeFlags(o: *PyObject) c_ulong {
    return PyType_GetFlags(o.ob_type.?);
}
pub inline fn PyLong_CheckExact(o: *PyObject) bool {
    return o.ob_type == &PyLong_Type;
}
pub inline fn PyLong_Check(o: *PyObject) bool {
    // An exact int (nearly every argument) without calling PyType_GetFlags.
    return PyLong_CheckExact(o) or typeFlags(o) & Py_TPFLAGS_LONG_SUBCLASS != 0;
}
pub inline fn PyTuple_Check(o: *PyObject) bool {
    return typeFlags(o) & Py_TPFLAGS_TUPLE_SUBCLASS != 0;
}
pub inline fn PyBytes_Check(o: *PyObject) bool {
    return typeFlags(o) & Py_TPFLAGS_BYTES_SUBCLASS != 0;
}
pub inline fn PyUnicode_Check(o: *PyObject) bool {
    return typeFlags(o) & Py_TPFLAGS_UNICODE_SUBCLASS != 0;
}
pub inline fn PyFloat_Check(o: *PyObject) bool {
    return o.ob_type == &PyFloat_Type or PyType_IsSubtype(o.ob_type.?, &PyFloat_Type) != 0;
}
pub inline fn PyByteArray_Check(o: *PyObject) bool {
    return o.ob_type == &PyByteArray_Type or PyType_IsSubtype(o.ob_type.?, &PyByteArray_Type) != 0;
}
pub inline fn newRef(o: *PyObject) *PyObject {
    Py_IncRef(o);
    return o;
}
pub inline fn none() *PyObject {
    return newRef(Py_None());
}
