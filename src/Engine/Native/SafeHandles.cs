using System.Runtime.InteropServices;

namespace LlamaCode.Engine.Native;

/// <summary>Owns a <c>llama_model*</c>.</summary>
internal sealed class SafeLlamaModelHandle : SafeHandle
{
    public SafeLlamaModelHandle() : base(IntPtr.Zero, ownsHandle: true) { }
    public SafeLlamaModelHandle(IntPtr model) : this() => SetHandle(model);
    public override bool IsInvalid => handle == IntPtr.Zero;
    protected override bool ReleaseHandle() { LlamaApi.llama_model_free(handle); return true; }
}

/// <summary>Owns a <c>llama_context*</c> and keeps its model alive until the context is freed.</summary>
internal sealed class SafeLlamaContextHandle : SafeHandle
{
    private readonly SafeLlamaModelHandle? _model;

    public SafeLlamaContextHandle() : base(IntPtr.Zero, ownsHandle: true) { }

    public SafeLlamaContextHandle(IntPtr context, SafeLlamaModelHandle model) : this()
    {
        var added = false;
        model.DangerousAddRef(ref added);
        _model = model;
        SetHandle(context);
    }

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle()
    {
        LlamaApi.llama_free(handle);
        _model?.DangerousRelease();
        return true;
    }
}

/// <summary>
/// Owns a <c>llama_sampler*</c> (a chain frees the samplers added to it). A chain that may hold the vocabulary (a
/// grammar sampler keeps its pointer) keeps its model alive until it is freed.
/// </summary>
internal sealed class SafeLlamaSamplerHandle : SafeHandle
{
    private SafeLlamaModelHandle? _model;

    public SafeLlamaSamplerHandle() : base(IntPtr.Zero, ownsHandle: true) { }
    public SafeLlamaSamplerHandle(IntPtr sampler) : this() => SetHandle(sampler);
    public override bool IsInvalid => handle == IntPtr.Zero;

    /// <summary>Keeps <paramref name="model"/> alive as long as this sampler.</summary>
    public void KeepAlive(SafeLlamaModelHandle model)
    {
        if (_model is not null) return;
        var added = false;
        model.DangerousAddRef(ref added);
        _model = model;
    }

    protected override bool ReleaseHandle()
    {
        LlamaApi.llama_sampler_free(handle);
        _model?.DangerousRelease();
        return true;
    }
}

/// <summary>
/// The vocabulary of a model, borrowed: a <c>llama_vocab*</c> belongs to its model, so the lease holds a reference
/// on the model's handle for as long as the pointer is used, and the pointer never outlives the handle.
/// Throws <see cref="ObjectDisposedException"/> when the model is already freed.
/// </summary>
internal readonly ref struct VocabLease
{
    private readonly SafeLlamaModelHandle _model;

    public VocabLease(SafeLlamaModelHandle model)
    {
        var added = false;
        model.DangerousAddRef(ref added);
        _model = model;
        Pointer = LlamaApi.llama_model_get_vocab(model);
    }

    public IntPtr Pointer { get; }

    public void Dispose() => _model.DangerousRelease();
}
