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

/// <summary>Owns a <c>llama_sampler*</c> (a chain frees the samplers added to it).</summary>
internal sealed class SafeLlamaSamplerHandle : SafeHandle
{
    public SafeLlamaSamplerHandle() : base(IntPtr.Zero, ownsHandle: true) { }
    public SafeLlamaSamplerHandle(IntPtr sampler) : this() => SetHandle(sampler);
    public override bool IsInvalid => handle == IntPtr.Zero;
    protected override bool ReleaseHandle() { LlamaApi.llama_sampler_free(handle); return true; }
}
