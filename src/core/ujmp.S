/* SPDX-License-Identifier: MIT */
/*
 * ualg_ujmp_set / ualg_ujmp_go: setjmp and longjmp for the fault guard
 * (core/uaccess.h), reduced to what it needs: the callee-saved registers,
 * the stack pointer and the return address. No signal mask (the handler
 * restores the one of the fault), no pointer mangling, no shadow-stack
 * bookkeeping (the handler unwinds the shadow stack itself). Being
 * returns_twice, a call to ualg_ujmp_set gets the C rules of setjmp: locals
 * not changed after it keep their values when it returns a second time.
 */
#if defined(__x86_64__)
	.text
	.globl	ualg_ujmp_set
	.hidden	ualg_ujmp_set
	.type	ualg_ujmp_set, @function
ualg_ujmp_set:
#ifdef __CET__
	endbr64
#endif
	movq	%rbx, 0(%rdi)
	movq	%rbp, 8(%rdi)
	movq	%r12, 16(%rdi)
	movq	%r13, 24(%rdi)
	movq	%r14, 32(%rdi)
	movq	%r15, 40(%rdi)
	leaq	8(%rsp), %rdx
	movq	%rdx, 48(%rdi)
	movq	(%rsp), %rdx
	movq	%rdx, 56(%rdi)
	xorl	%eax, %eax
	ret
	.size	ualg_ujmp_set, .-ualg_ujmp_set

	.globl	ualg_ujmp_go
	.hidden	ualg_ujmp_go
	.type	ualg_ujmp_go, @function
ualg_ujmp_go:
#ifdef __CET__
	endbr64
#endif
	movq	0(%rdi), %rbx
	movq	8(%rdi), %rbp
	movq	16(%rdi), %r12
	movq	24(%rdi), %r13
	movq	32(%rdi), %r14
	movq	40(%rdi), %r15
	movq	48(%rdi), %rsp
	movl	$1, %eax
	jmpq	*56(%rdi)
	.size	ualg_ujmp_go, .-ualg_ujmp_go
#elif defined(__aarch64__)
	.text
	.globl	ualg_ujmp_set
	.hidden	ualg_ujmp_set
	.type	ualg_ujmp_set, %function
ualg_ujmp_set:
	hint	#34 /* bti c */
	stp	x19, x20, [x0, #0]
	stp	x21, x22, [x0, #16]
	stp	x23, x24, [x0, #32]
	stp	x25, x26, [x0, #48]
	stp	x27, x28, [x0, #64]
	stp	x29, x30, [x0, #80]
	mov	x2, sp
	str	x2, [x0, #96]
	stp	d8, d9, [x0, #104]
	stp	d10, d11, [x0, #120]
	stp	d12, d13, [x0, #136]
	stp	d14, d15, [x0, #152]
	mov	w0, #0
	ret
	.size	ualg_ujmp_set, .-ualg_ujmp_set

	.globl	ualg_ujmp_go
	.hidden	ualg_ujmp_go
	.type	ualg_ujmp_go, %function
ualg_ujmp_go:
	hint	#34 /* bti c */
	ldp	x19, x20, [x0, #0]
	ldp	x21, x22, [x0, #16]
	ldp	x23, x24, [x0, #32]
	ldp	x25, x26, [x0, #48]
	ldp	x27, x28, [x0, #64]
	ldp	x29, x30, [x0, #80]
	ldr	x2, [x0, #96]
	mov	sp, x2
	ldp	d8, d9, [x0, #104]
	ldp	d10, d11, [x0, #120]
	ldp	d12, d13, [x0, #136]
	ldp	d14, d15, [x0, #152]
	mov	w0, #1
	ret
	.size	ualg_ujmp_go, .-ualg_ujmp_go
#endif
	.section .note.GNU-stack, "", %progbits
